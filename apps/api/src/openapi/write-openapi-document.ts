import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildOpenApiDocument, openApiDocumentText } from './openapi-document';

/** `node write-openapi-document.js <file>`: writes the api's OpenAPI document to the file. */
async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error('usage: write-openapi-document <file>');
  await writeFile(resolve(target), openApiDocumentText(await buildOpenApiDocument()));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
