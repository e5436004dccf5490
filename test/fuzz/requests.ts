import type { Sent } from './api-client';
import { fillPath, type Operation } from './openapi';
import type { Target } from './targets';

/** The HTTP request of a target, as a caller with `token` (none: anonymous). */
export function requestOf(operation: Operation, target: Target, token?: string): Sent {
  const path = fillPath(operation.path, target.params);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (target.files) return { method: operation.method, path, headers, raw: formOf(target.files) };
  return {
    method: operation.method,
    path,
    headers: target.body ? { ...headers, 'content-type': 'application/json' } : headers,
    raw: target.body && JSON.stringify(target.body),
  };
}

/** What the access matrix records of an answer: `2xx`, or the status itself. */
export function outcomeOf(status: number): string {
  return status >= 200 && status <= 299 ? '2xx' : String(status);
}

/** A multipart body of these files. */
export function formOf(files: NonNullable<Target['files']>): FormData {
  const form = new FormData();
  for (const file of files) {
    form.append(file.field, new Blob([file.content], { type: file.type }), file.name);
  }
  return form;
}
