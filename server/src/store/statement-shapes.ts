import { type Compilable, type CompiledQuery, createQueryId, type Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/**
 * Where one parameter of a compiled statement comes from: a value of the call, or an item of an array value.
 * Its text throws, so a value used in string arithmetic while the statement is built (a pattern, a slice) fails
 * at once instead of being compiled in as a constant.
 */
class Slot {
  constructor(
    readonly key: string,
    readonly item: number,
  ) {}

  toString(): never {
    throw new Error(`statement-shapes: the value "${this.key}" is a parameter; compute it before building`);
  }
}

/**
 * The values of one call: a parameter per value, an array a parameter per item. undefined, null and '' are not
 * given (as `if (value)` reads a filter): the builder sees undefined.
 */
export type ShapeValues = Record<string, unknown>;

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

interface Shape {
  compiled: CompiledQuery<unknown>;
  /** For each parameter in order: which value, and which item of it (-1: the value itself). */
  keys: string[];
  items: number[];
}

function placeholders<V extends ShapeValues>(values: V, constants: readonly (keyof V)[]): V {
  const slots: ShapeValues = {};
  for (const key of Object.keys(values)) {
    const value = values[key];
    if (constants.includes(key)) slots[key] = value;
    else if (!given(value)) slots[key] = undefined;
    else if (Array.isArray(value)) slots[key] = value.map((_, i) => new Slot(key, i));
    else slots[key] = new Slot(key, -1);
  }
  return slots as V;
}

/** What the SQL text depends on: which values are given, each array's length, and the constants themselves. */
function shapeKeyOf(values: ShapeValues, constants: readonly string[]): string {
  let key = '';
  for (const name of Object.keys(values)) {
    const value = values[name];
    if (!given(value)) continue;
    key += constants.includes(name)
      ? `${name}=${String(value)};`
      : Array.isArray(value)
        ? `${name}[${value.length}];`
        : `${name};`;
  }
  return key;
}

/** A statement of a call's arguments, compiled once per shape; `uncached` builds and compiles it every time. */
export interface ShapedStatement<A, O> {
  (db: Db, args: A): CompiledQuery<O>;
  /** The same statement built from the call's own values and compiled now (tests compare the two). */
  uncached(db: Db, args: A): CompiledQuery<O>;
}

/**
 * A statement built and compiled once per shape instead of on every call. Kysely builds a query as a tree of
 * frozen nodes and compiles it to SQL text each time (measured: 40–70 µs for the feed or a queue page, a tenth of
 * the server's CPU for a read), although the text depends only on which filters are given. `valuesOf` turns the
 * call's arguments into the statement's values (patterns, parts of a cursor and the like worked out there);
 * `build` gets them as placeholders and may branch on whether a value is given, on an array's length and on the
 * `constants` (booleans or names that choose the SQL, never user text), but never on a value itself: every
 * other value becomes a parameter, and a statement that compiled anything else as a parameter is refused.
 */
export function statementShapes<A, V extends ShapeValues, O>(
  valuesOf: (args: A) => V,
  build: (db: Db, values: V) => Compilable<O>,
  constants: readonly (keyof V & string)[] = [],
): ShapedStatement<A, O> {
  const shapesOf = new WeakMap<Db, Map<string, Shape>>();
  const statement = (db: Db, args: A): CompiledQuery<O> => {
    const values = valuesOf(args);
    let shapes = shapesOf.get(db);
    if (!shapes) shapesOf.set(db, (shapes = new Map()));
    const key = shapeKeyOf(values, constants);
    let shape = shapes.get(key);
    if (!shape) {
      const compiled = build(db, placeholders(values, constants)).compile();
      const keys: string[] = [];
      const items: number[] = [];
      for (const parameter of compiled.parameters) {
        if (!(parameter instanceof Slot))
          throw new Error(
            `statement-shapes: a parameter that is not a value of the call: ${String(parameter)}`,
          );
        keys.push(parameter.key);
        items.push(parameter.item);
      }
      shape = { compiled, keys, items };
      shapes.set(key, shape);
    }
    const parameters = new Array<unknown>(shape.keys.length);
    for (let i = 0; i < parameters.length; i++) {
      const value = values[shape.keys[i]!];
      parameters[i] = shape.items[i] === -1 ? value : (value as unknown[])[shape.items[i]!];
    }
    return { ...(shape.compiled as CompiledQuery<O>), queryId: createQueryId(), parameters };
  };
  return Object.assign(statement, {
    uncached: (db: Db, args: A) => build(db, withoutUngiven(valuesOf(args), constants)).compile(),
  });
}

/** The values as the builder sees them when they are not placeholders: what is not given is undefined. */
function withoutUngiven<V extends ShapeValues>(values: V, constants: readonly string[]): V {
  const out: ShapeValues = {};
  for (const key of Object.keys(values))
    out[key] = constants.includes(key) || given(values[key]) ? values[key] : undefined;
  return out as V;
}
