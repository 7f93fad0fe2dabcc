import { CityDataError } from './city-data-error.js';

/** Lower-case slug used for unit ids, category codes and sectors: letters, digits, `-` and `_`. */
export const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

/** Fails with file and line unless `value` is one of `allowed`. */
export function oneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  what: string,
  file: string,
  line: number,
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CityDataError(file, line, `${what} "${value}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function required(value: string, what: string, file: string, line: number): string {
  if (value === '') throw new CityDataError(file, line, `${what} is empty`);
  return value;
}

export function slug(value: string, what: string, file: string, line: number): string {
  if (!SLUG.test(value)) {
    throw new CityDataError(file, line, `${what} "${value}" must be lower-case letters, digits, - or _`);
  }
  return value;
}

/** A positive number of hours, e.g. `8` or `1.5`. */
export function positiveHours(value: string, what: string, file: string, line: number): number {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n) || n <= 0) {
    throw new CityDataError(file, line, `${what} "${value}" must be a positive number of hours`);
  }
  return n;
}

/** Remembers keys per file and fails on the second occurrence, naming the first line. */
export function uniqueKeys(file: string, what: string): (key: string, line: number) => void {
  const seen = new Map<string, number>();
  return (key, line) => {
    const first = seen.get(key);
    if (first !== undefined)
      throw new CityDataError(file, line, `duplicate ${what} "${key}" (first on line ${first})`);
    seen.set(key, line);
  };
}
