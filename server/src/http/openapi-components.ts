type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Routes carry their response schemas inline (each handler is type-checked against its own, and the serializer
 * compiles each route alone); the document names them instead. Every schema with a `title` becomes
 * `#/components/schemas/<title>` and its uses become references, so a typed client gets one type per view
 * (`components['schemas']['StaffReportView']`) and the document stays small. A nullable use of a named schema
 * becomes `anyOf: [ref, null]`; a description at the place of use stays beside the reference.
 */
export function nameComponents<D extends object>(document: D): D {
  const openapiObject = document as Json;
  const components = (openapiObject.components ?? {}) as Json;
  const named = (components.schemas ?? {}) as Record<string, Json>;
  const seen = new Map<string, string>();

  const hoist = (schema: Json): Json => {
    const { title, description, ...rest } = schema;
    const types = Array.isArray(rest.type) ? (rest.type as string[]) : null;
    const nullable = !!types?.includes('null');
    const body: Json = walk(
      nullable
        ? {
            ...rest,
            type: types!.filter((t) => t !== 'null')[0],
            ...(Array.isArray(rest.enum) ? { enum: rest.enum.filter((v) => v !== null) } : {}),
          }
        : rest,
    ) as Json;
    const name = title as string;
    const text = JSON.stringify(body);
    const earlier = seen.get(name);
    if (earlier !== undefined && earlier !== text)
      throw new Error(`two different response schemas are titled ${name}`);
    seen.set(name, text);
    named[name] = { title: name, ...body };
    const ref = { $ref: `#/components/schemas/${name}` };
    const use = nullable ? { anyOf: [ref, { type: 'null' }] } : ref;
    return description === undefined ? use : { ...use, description };
  };

  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!isObject(value)) return value;
    if (typeof value.title === 'string' && (value.type !== undefined || value.anyOf !== undefined))
      return hoist(value);
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, walk(v)]));
  };

  const paths = walk(openapiObject.paths) as Json;
  return {
    ...document,
    paths,
    components: {
      ...components,
      schemas: Object.fromEntries(Object.entries(named).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    },
  } as D;
}
