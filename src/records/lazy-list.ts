/**
 * A list made each time it is read, never held whole: `*` over 20,000 subusers and 30 days has
 * 600,000 rows and as many records, and can have as many breaches. Its length is known up front;
 * JSON shows it as an array.
 */
export class LazyList<T> implements Iterable<T> {
  constructor(
    readonly length: number,
    private readonly items: () => Iterator<T>
  ) {}

  [Symbol.iterator](): Iterator<T> {
    return this.items()
  }

  toJSON(): T[] {
    return [...this]
  }
}
