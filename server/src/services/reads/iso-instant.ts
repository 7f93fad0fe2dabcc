const TWO = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/**
 * `date.toISOString()`, written from the date's fields: V8 formats it in its runtime, about three times slower
 * (measured ~0.9 against ~0.3 µs), and a page of a read has dozens of instants. Years outside 1000–9999 and
 * invalid dates go to toISOString itself (its extended years, its RangeError).
 */
export function isoInstant(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return date.toISOString();
  return (
    `${year}-${TWO[date.getUTCMonth() + 1]}-${TWO[date.getUTCDate()]}T` +
    `${TWO[date.getUTCHours()]}:${TWO[date.getUTCMinutes()]}:${TWO[date.getUTCSeconds()]}.` +
    `${THREE[date.getUTCMilliseconds()]}Z`
  );
}
