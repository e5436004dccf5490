import createClient from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The api's own client, typed by the document it publishes (see `npm run openapi`): paths,
 * parameters and bodies are checked against apps/api/openapi.json at build time.
 */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  // Looked up at each call, not captured once, so that tests can stand in for the network.
  fetch: (request) => globalThis.fetch(request),
});
