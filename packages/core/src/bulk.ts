/**
 * The bulk form of every helper (`deleteMany`, `<method>Many`): many deletes through a bounded
 * worker pool. Every id ends in exactly one of `deleted` or `failed`; one failure never rejects
 * the batch; a 429 pauses every worker at once. For a path with several parameters each id is the
 * tuple of their values in path order.
 */

import { type DeleteOptions, type DeleteResult, type HelperOptions, performDelete } from "./delete.js";
import { APIUserAbortError, InvalidArgumentError } from "./errors.js";
import { Pacer } from "./pacer.js";
import { checkPathValues } from "./path-params.js";
import type { OperationSpec } from "./spec.js";
import type { Transport } from "./transport.js";

export interface DeleteManyProgress {
  readonly total: number;
  readonly done: number;
  readonly deleted: number;
  readonly failed: number;
}

export interface DeleteManyOptions extends DeleteOptions {
  /** Requests in flight at once. Default 8, at most 256. */
  concurrency?: number | undefined;
  /** Called after each id settles. Exceptions thrown here are ignored. */
  onProgress?: ((progress: DeleteManyProgress) => void) | undefined;
}

export interface DeleteManyFailure<Id> {
  readonly id: Id;
  readonly error: Error;
}

export interface DeleteManyResult<Id, Data = unknown> {
  /** In input order. */
  readonly deleted: DeleteResult<Id, Data>[];
  /** In input order; invalid ids land here without being sent. */
  readonly failed: DeleteManyFailure<Id>[];
}

const DEFAULT_CONCURRENCY = 8;
const MAX_CONCURRENCY = 256;

export async function deleteMany<Id>(
  transport: Transport,
  operation: OperationSpec,
  ids: Iterable<Id>,
  options: DeleteManyOptions & HelperOptions = {},
): Promise<DeleteManyResult<Id>> {
  const { concurrency = DEFAULT_CONCURRENCY, onProgress, ...deleteOptions } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new InvalidArgumentError("concurrency", `\`concurrency\` must be an integer from 1 to ${MAX_CONCURRENCY}.`);
  }
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
  // Each distinct id is deleted once: a repeat would only race its twin into a 404. Tuples are
  // compared by their values.
  const byKey = new Map<unknown, Id>();
  for (const id of ids) {
    const key = arity === 1 || !Array.isArray(id) ? id : JSON.stringify(id);
    if (!byKey.has(key)) byKey.set(key, id);
  }
  const unique = [...byKey.values()];
  const outcomes: (DeleteResult<Id> | DeleteManyFailure<Id>)[] = new Array(unique.length);
  const pending: number[] = [];
  let deleted = 0;
  let failed = 0;
  const settle = (index: number, outcome: DeleteResult<Id> | DeleteManyFailure<Id>) => {
    outcomes[index] = outcome;
    if ("error" in outcome) failed++;
    else deleted++;
    try {
      onProgress?.({ total: unique.length, done: deleted + failed, deleted, failed });
    } catch {
      // A broken progress callback must not turn into a lost result.
    }
  };

  unique.forEach((id, index) => {
    try {
      checkPathValues(operation, valuesOf(id));
      pending.push(index);
    } catch (error) {
      settle(index, { id, error: error as Error });
    }
  });

  const pacer = new Pacer();
  const method = operation.method.toUpperCase();
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const index = pending[next++] as number;
      const id = unique[index] as Id;
      if (deleteOptions.signal?.aborted) {
        const error = new APIUserAbortError({
          message: "Bulk delete was aborted by the caller.",
          method,
          path: operation.path,
        });
        settle(index, { id, error });
        continue;
      }
      try {
        const { data } = await performDelete(transport, operation, valuesOf(id), id, { ...deleteOptions, pacer });
        settle(index, data);
      } catch (error) {
        settle(index, { id, error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));

  const result: DeleteManyResult<Id> = { deleted: [], failed: [] };
  for (const outcome of outcomes) {
    if ("error" in outcome) result.failed.push(outcome);
    else result.deleted.push(outcome);
  }
  return result;
}
