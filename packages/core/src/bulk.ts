/**
 * The bulk form of every helper (`deleteMany`, `<method>Many`): many deletes through a bounded
 * worker pool, reading the ids as it goes, so a file of a million lines is never held in memory as
 * ids. Every distinct id read ends in exactly one of `deleted` or `failed`; one failure never
 * rejects the batch; a 429 pauses every worker at once. For a path with several parameters each id
 * is the tuple of their values in path order.
 */

import { SharedCancellation } from "./cancellation.js";
import { type DeleteOptions, type DeleteResult, type HelperOptions, performDelete } from "./delete.js";
import { APIUserAbortError, InvalidArgumentError } from "./errors.js";
import { Pacer } from "./pacer.js";
import { checkPathValues } from "./path-params.js";
import { type SeenKeys, seenKeys } from "./seen-keys.js";
import type { OperationSpec } from "./spec.js";
import type { Transport } from "./transport.js";

/**
 * Where a bulk delete reads its ids: an array, a `Set`, a generator, or an async iterable such as
 * `readline`'s lines. Not a string: `deleteMany("abc")` would otherwise delete `a`, `b` and `c`.
 */
export type IdSource<Id> = (Iterable<Id> | AsyncIterable<Id>) & { readonly charAt?: never };

export interface DeleteManyProgress {
  /** How many ids the source holds, when it says so up front (an array's length, a `Set`'s size); else `undefined`. */
  readonly total: number | undefined;
  readonly done: number;
  readonly deleted: number;
  readonly failed: number;
}

export interface DeleteManyOptions extends DeleteOptions {
  /** Requests in flight at once. Default 8, at most 256. */
  concurrency?: number | undefined;
  /** Called after each id settles. Exceptions thrown here, and rejections of a promise it returns, are ignored. */
  onProgress?: ((progress: DeleteManyProgress) => void | PromiseLike<void>) | undefined;
  /**
   * Called with each id's outcome as it settles, before `onProgress`: a result to stream (to a file,
   * a journal, a terminal) without waiting for the batch. Exceptions thrown here are ignored.
   */
  onSettled?: ((outcome: DeleteManyOutcome) => void) | undefined;
  /**
   * Default `true`. With `false`, `deleted` and `failed` stay empty and outcomes reach the caller
   * only through `onSettled`: a batch of millions of ids then holds none of its results in memory.
   */
  keepResults?: boolean | undefined;
}

/** One id's outcome, as `onSettled` receives it: a `DeleteResult`, or a failure with its `error`. */
export type DeleteManyOutcome = DeleteResult<unknown> | DeleteManyFailure<unknown>;

export interface DeleteManyFailure<Id> {
  readonly id: Id;
  readonly error: Error;
}

export interface DeleteManyResult<Id, Data = unknown> {
  /** In input order. */
  readonly deleted: DeleteResult<Id, Data>[];
  /** In input order; invalid ids land here without being sent. */
  readonly failed: DeleteManyFailure<Id>[];
  /**
   * The caller's signal aborted the batch: deletes in flight then failed with `APIUserAbortError`,
   * and ids not yet read from the source were not read (nor reported).
   */
  readonly aborted: boolean;
}

const DEFAULT_CONCURRENCY = 8;
const MAX_CONCURRENCY = 256;

type Outcome<Id> = DeleteResult<Id> | DeleteManyFailure<Id>;

/** Refuses what is not an id source, before anything is read or sent. */
function checkSource(ids: unknown): void {
  if (typeof ids === "string" || ids instanceof String) {
    throw new InvalidArgumentError(
      "ids",
      "`ids` is a string, which would be read as one id per character: pass an array (or any iterable) of ids.",
    );
  }
  const source = ids as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | null | undefined;
  if (typeof source?.[Symbol.iterator] !== "function" && typeof source?.[Symbol.asyncIterator] !== "function") {
    throw new InvalidArgumentError("ids", "`ids` must be an iterable or an async iterable of ids.");
  }
}

function sizeOf(ids: unknown): number | undefined {
  if (Array.isArray(ids)) return ids.length;
  if (ids instanceof Set) return ids.size;
  return undefined;
}

/** A blank string (a file's empty last line) is no id: it is skipped, not reported as a failure. */
const isBlank = (id: unknown) => typeof id === "string" && id.trim() === "";

/**
 * Records the id in `seen` and says whether it is the first time. Only called on ids that passed
 * `checkPathValues`, whose parts are strings, numbers or booleans. A single id's key is tagged with
 * the first letter of its type, so `1` and `"1"` stay two ids; a tuple's parts carry their types in
 * its text, under the tag 0.
 */
function firstSighting(seen: SeenKeys, values: readonly unknown[]): boolean {
  if (values.length === 1) return seen((typeof values[0]).charCodeAt(0), String(values[0]));
  return seen(0, values.map((value) => `${typeof value}:${String(value)}`).join("\u0000"));
}

export async function deleteMany<Id>(
  transport: Transport,
  operation: OperationSpec,
  ids: IdSource<Id>,
  options: DeleteManyOptions & HelperOptions = {},
): Promise<DeleteManyResult<Id>> {
  const { concurrency = DEFAULT_CONCURRENCY, onProgress, onSettled, keepResults = true, ...deleteOptions } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new InvalidArgumentError("concurrency", `\`concurrency\` must be an integer from 1 to ${MAX_CONCURRENCY}.`);
  }
  checkSource(ids);
  const arity = operation.pathParams.length;
  const valuesOf = (id: Id): readonly unknown[] => {
    if (arity === 1) return [id];
    if (!Array.isArray(id) || id.length !== arity) {
      throw new InvalidArgumentError(
        "ids",
        `Each id must be the tuple [${operation.pathParams.join(", ")}] (the path parameters in path order).`,
      );
    }
    return id;
  };

  const total = sizeOf(ids);
  // Sparse by input position: a repeated or blank id leaves its slot empty.
  const outcomes: Outcome<Id>[] = [];
  const seen = seenKeys();
  let deleted = 0;
  let failed = 0;
  const settle = (index: number, outcome: Outcome<Id>) => {
    if (keepResults) outcomes[index] = outcome;
    if ("error" in outcome) failed++;
    else deleted++;
    try {
      onSettled?.(outcome);
    } catch {
      // As with `onProgress`: the caller's callback failing must not lose the result.
    }
    try {
      const returned = onProgress?.({ total, done: deleted + failed, deleted, failed });
      // An async callback's rejection would otherwise be unhandled, which ends a Node process.
      if (returned && typeof returned.then === "function") returned.then(undefined, () => {});
    } catch {
      // A broken progress callback must not turn into a lost result.
    }
  };

  const signal = deleteOptions.signal;
  const iterator: Iterator<Id> | AsyncIterator<Id> =
    typeof (ids as AsyncIterable<Id>)[Symbol.asyncIterator] === "function"
      ? (ids as AsyncIterable<Id>)[Symbol.asyncIterator]()
      : (ids as Iterable<Id>)[Symbol.iterator]();
  let position = 0;
  let exhausted = false;
  // Workers take turns reading: an async iterator's `next()` must not be called again before it settles.
  let reading: Promise<unknown> = Promise.resolve();
  const read = (): Promise<{ id: Id; index: number } | undefined> => {
    const turn = reading.then(async () => {
      if (exhausted || signal?.aborted) return undefined;
      const step = await iterator.next();
      if (step.done) {
        exhausted = true;
        return undefined;
      }
      return { id: step.value, index: position++ };
    });
    reading = turn.catch(() => undefined);
    return turn;
  };

  const pacer = new Pacer();
  // One listener on the caller's signal for the whole batch, however many deletes are in flight.
  const cancellation = signal ? new SharedCancellation(signal) : undefined;
  const method = operation.method.toUpperCase();
  const worker = async () => {
    for (let item = await read(); item !== undefined; item = await read()) {
      const { id, index } = item;
      if (isBlank(id)) continue;
      let values: readonly unknown[];
      try {
        values = valuesOf(id);
        checkPathValues(operation, values);
      } catch (error) {
        // Each bad id is its own report: it is never keyed, so two bad ids cannot collapse into one.
        settle(index, { id, error: error instanceof Error ? error : new Error(String(error)) });
        continue;
      }
      // Each distinct id is deleted once: a repeat would only race its twin into a 404.
      if (!firstSighting(seen, values)) continue;
      if (signal?.aborted) {
        const error = new APIUserAbortError({
          message: "Bulk delete was aborted by the caller.",
          method,
          path: operation.path,
          stage: "not-sent",
        });
        settle(index, { id, error });
        continue;
      }
      try {
        const { data } = await performDelete(transport, operation, values, id, {
          ...deleteOptions,
          pacer,
          cancellation,
        });
        settle(index, data);
      } catch (error) {
        settle(index, { id, error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    cancellation?.dispose();
    // A source left unfinished (an abort, a failing source) is told so, as `for await` would: a
    // readline interface then closes its file.
    if (!exhausted) await Promise.resolve(iterator.return?.()).catch(() => undefined);
  }

  const result: { deleted: DeleteResult<Id>[]; failed: DeleteManyFailure<Id>[]; aborted: boolean } = {
    deleted: [],
    failed: [],
    aborted: signal?.aborted === true && !exhausted,
  };
  for (const outcome of outcomes) {
    if (outcome === undefined) continue;
    if ("error" in outcome) result.failed.push(outcome);
    else result.deleted.push(outcome);
  }
  return result;
}
