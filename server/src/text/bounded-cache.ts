/**
 * A cache that keeps at most about 2 × `limit` entries, so caches keyed by user text (every typo is a new
 * key) cannot grow without bound. Two generations: when the current one is full it becomes the previous one
 * and the old previous one is dropped; a hit in the previous generation is copied forward. Cheaper than
 * deleting the oldest Map entry one by one, which V8 makes slower as deletions pile up.
 */
export class BoundedCache<K, V> {
  #current = new Map<K, V>();
  #previous = new Map<K, V>();

  constructor(readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.#current.get(key);
    if (value !== undefined) return value;
    const old = this.#previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): V {
    if (this.#current.size >= this.limit) {
      this.#previous = this.#current;
      this.#current = new Map();
    }
    this.#current.set(key, value);
    return value;
  }

  get size(): number {
    return this.#current.size + this.#previous.size;
  }
}
