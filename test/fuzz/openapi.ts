/** The parts of an OpenAPI 3 document the fuzz and the access matrix read. */
export interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
  $ref?: string;
  allOf?: JsonSchema[];
}

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface OperationObject {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

/** One operation of the document, its schemas resolved (no $ref, no allOf left). */
export interface Operation {
  /** `METHOD /path` as the document writes it: the key of the access matrix. */
  key: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The document's path, with `{name}` placeholders. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body?: { contentType: string; schema: JsonSchema };
  /** Open to anonymous callers (`security: []`). */
  public: boolean;
}

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

/** Every operation of the document, in the document's order. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).map((parameter) => ({
        in: parameter.in,
        name: parameter.name,
        required: parameter.required ?? false,
        schema: resolveSchema(document, parameter.schema ?? {}),
      }));
      const content = Object.entries(operation.requestBody?.content ?? {})[0];
      const security = operation.security ?? document.security ?? [];
      const upper = method.toUpperCase() as Operation['method'];
      operations.push({
        key: `${upper} ${path}`,
        method: upper,
        path,
        pathParams: parameters.filter((parameter) => parameter.in === 'path'),
        queryParams: parameters.filter((parameter) => parameter.in === 'query'),
        body: content && {
          contentType: content[0],
          schema: resolveSchema(document, content[1].schema ?? {}),
        },
        public: security.length === 0,
      });
    }
  }
  return operations;
}

/** The schema with every $ref replaced by its target and every allOf merged into one. */
export function resolveSchema(
  document: OpenApiDocument,
  schema: JsonSchema,
  depth = 0,
): JsonSchema {
  if (depth > 20) throw new Error('the OpenAPI document nests schemas too deep');
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    const { $ref: _ref, ...rest } = schema;
    return resolveSchema(document, { ...target, ...rest }, depth + 1);
  }
  let resolved: JsonSchema = { ...schema };
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    resolved = rest;
    for (const part of allOf) {
      const inner = resolveSchema(document, part, depth + 1);
      resolved = {
        ...inner,
        ...resolved,
        properties: { ...inner.properties, ...resolved.properties },
        required: [...(inner.required ?? []), ...(resolved.required ?? [])],
      };
    }
  }
  if (resolved.items) resolved.items = resolveSchema(document, resolved.items, depth + 1);
  if (resolved.properties) {
    resolved.properties = Object.fromEntries(
      Object.entries(resolved.properties).map(([name, property]) => [
        name,
        resolveSchema(document, property, depth + 1),
      ]),
    );
  }
  return resolved;
}

/**
 * The path with its placeholders filled, each value URL-encoded as one segment (a lone
 * surrogate, which UTF-8 cannot carry, as U+FFFD).
 */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(wellFormed(value));
  });
}

/** The string with each lone surrogate replaced by U+FFFD, as WHATWG URLs encode it. */
export function wellFormed(value: string): string {
  return value.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}
