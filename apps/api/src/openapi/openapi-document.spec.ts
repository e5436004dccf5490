import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument, openApiDocumentText } from './openapi-document';

const ROOT = join(__dirname, '../../../..');
const CHECKED_IN = join(ROOT, 'apps/api/openapi.json');
const PORTAL_TYPES = join(ROOT, 'apps/web/src/api/schema.d.ts');
const REGENERATE = 'Run `npm run openapi` and commit apps/api/openapi.json with the portal types.';

/** Operations and schemas that differ between two documents, named for a person to read. */
function differences(actual: OpenAPIObject, expected: OpenAPIObject): string[] {
  const named = (document: OpenAPIObject): Map<string, string> => {
    const entries = new Map<string, string>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        entries.set(`${method.toUpperCase()} ${path}`, JSON.stringify(operation));
      }
    }
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      entries.set(`schema ${name}`, JSON.stringify(schema));
    }
    return entries;
  };
  const now = named(actual);
  const before = named(expected);
  return [...new Set([...now.keys(), ...before.keys()])]
    .filter((key) => now.get(key) !== before.get(key))
    .map((key) => `${key}: ${!before.has(key) ? 'new' : !now.has(key) ? 'gone' : 'changed'}`);
}

describe('the OpenAPI document', () => {
  it('should be the checked-in one, so that a changed endpoint fails here and not in the portal', async () => {
    const document = await buildOpenApiDocument();
    const checkedIn = await readFile(CHECKED_IN, 'utf8');

    const changed = differences(document, JSON.parse(checkedIn) as OpenAPIObject);
    expect({ changed, fix: changed.length > 0 ? REGENERATE : null }).toEqual({
      changed: [],
      fix: null,
    });
    expect(openApiDocumentText(document) === checkedIn ? 'same text' : REGENERATE).toBe(
      'same text',
    );
  });

  it("should be what the portal's API types were generated from", async () => {
    const cli = join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');
    const check = promisify(execFile)(
      process.execPath,
      [cli, CHECKED_IN, '--output', PORTAL_TYPES, '--check'],
      { cwd: ROOT },
    );

    await expect(
      check.then(
        () => 'in step',
        () => REGENERATE,
      ),
    ).resolves.toBe('in step');
  });
});
