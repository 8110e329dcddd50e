/**
 * A promise of parsed data that can also hand over the raw `Response`, as in openai-node:
 * `await client.x.delete(id)` gives the result, `await client.x.delete(id).withResponse()` both.
 */
export interface WithResponse<T> {
  readonly data: T;
  readonly response: Response;
}

export class APIPromise<T> implements PromiseLike<T> {
  // TypeScript-private rather than `#private`: a `#private` member in the published `.d.ts` fails
  // type-checking (TS18028) for consumers on TypeScript's default target with `skipLibCheck: false`.
  private readonly inner: Promise<WithResponse<T>>;
  private parsed: Promise<T> | undefined;

  constructor(inner: Promise<WithResponse<T>>) {
    this.inner = inner;
  }

  /** The parsed result together with the final HTTP response. */
  withResponse(): Promise<WithResponse<T>> {
    return this.inner;
  }

  private data(): Promise<T> {
    this.parsed ??= this.inner.then((result) => result.data);
    return this.parsed;
  }

  // biome-ignore lint/suspicious/noThenProperty: APIPromise is a thenable by design, like openai-node's.
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.data().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.data().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.data().finally(onfinally);
  }

  get [Symbol.toStringTag](): string {
    return "APIPromise";
  }
}
