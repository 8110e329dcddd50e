/**
 * One bulk case: delete `count` distinct Archil token ids against a server, either with a plain
 * sequential loop of `delete` or with `deleteMany` at some concurrency.
 */
import { Archil } from "@sdkforge/archil";
import { ARCHIL_API_KEY } from "../contenders.js";

export type BulkCase = { readonly kind: "sequential" } | { readonly kind: "deleteMany"; readonly concurrency: number };

export interface BulkCaseOutcome {
  readonly seconds: number;
  readonly deleted: number;
  readonly failed: number;
}

export function bulkCaseName(bulkCase: BulkCase): string {
  return bulkCase.kind === "sequential"
    ? "sequential loop of delete"
    : `deleteMany, concurrency ${bulkCase.concurrency}`;
}

export function tokenIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `tok_${index.toString(36).padStart(6, "0")}`);
}

export function createBulkClient(baseUrl: string): Archil {
  // maxRetries 0: a retry would hide a failure and bill its back-off to the throughput.
  return new Archil({ apiKey: ARCHIL_API_KEY, baseUrl, maxRetries: 0 });
}

export async function runBulkCase(
  client: Archil,
  bulkCase: BulkCase,
  ids: readonly string[],
): Promise<BulkCaseOutcome> {
  const started = performance.now();
  if (bulkCase.kind === "sequential") {
    let deleted = 0;
    let failed = 0;
    for (const id of ids) {
      try {
        await client.apiTokens.delete(id);
        deleted++;
      } catch {
        failed++;
      }
    }
    return { seconds: (performance.now() - started) / 1000, deleted, failed };
  }
  const result = await client.apiTokens.deleteMany(ids, { concurrency: bulkCase.concurrency });
  return {
    seconds: (performance.now() - started) / 1000,
    deleted: result.deleted.length,
    failed: result.failed.length,
  };
}
