import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { ROOT_PATHS } from '../api-routes';

/** Vite names every built asset after its content, so a browser may keep one for good. */
const HASHED_ASSETS = '/assets/';

/**
 * The built portal (apps/web) on the api's own origin: its files, and its index.html for every
 * other GET the portal's router may own. Paths the api answers itself (ROOT_PATHS) never reach
 * it, so an unknown /api path still gets the JSON 404 envelope. Null when `webDir` holds no
 * built portal (the api then serves only the api).
 */
export function portalHandler(webDir: string): RequestHandler | null {
  if (!hasPortal(webDir)) return null;
  const root = resolve(webDir);
  const indexHtml = readFileSync(join(root, 'index.html'), 'utf8');
  const files = express.static(root, {
    index: false,
    redirect: false,
    setHeaders: (response, path) => {
      if (path.startsWith(join(root, HASHED_ASSETS))) {
        response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });

  return (request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path)) {
      next();
      return;
    }
    files(request, response, () => {
      // A missing file (an old asset, a typo) is a 404, not the portal's page.
      if (hasExtension(request.path) || !request.accepts('html')) {
        next();
        return;
      }
      const nonce = randomBytes(16).toString('base64');
      response.setHeader('Content-Security-Policy', portalContentSecurityPolicy(nonce));
      // The page names the current assets: always ask whether it changed.
      response.setHeader('Cache-Control', 'no-cache');
      response.type('html').send(withNonce(indexHtml, nonce));
    });
  };
}

/** Whether `npm run build` has put a portal in `webDir`. */
export function hasPortal(webDir: string): boolean {
  return existsSync(join(resolve(webDir), 'index.html'));
}

/**
 * What the portal needs and nothing more: its own scripts, styles and API; Ant Design's CSS-in-JS
 * writes <style> elements, which carry the page's nonce (read from the meta tag). No
 * upgrade-insecure-requests: intranets serve the platform over plain HTTP.
 */
export function portalContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "connect-src 'self'",
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    `style-src 'self' 'nonce-${nonce}'`,
  ].join('; ');
}

function withNonce(html: string, nonce: string): string {
  return html.replace('</head>', `  <meta name="csp-nonce" content="${nonce}" />\n  </head>`);
}

function isApiPath(path: string): boolean {
  return ROOT_PATHS.some((root) => path === root || path.startsWith(`${root}/`));
}

function hasExtension(path: string): boolean {
  return /\.[^/]*$/.test(path);
}
