/**
 * The benchmarks in quick mode: small counts, so every section keeps working, and no timing is
 * asserted (a shared 2-core machine makes timings noise). What is asserted: every contender
 * completed with correct answers (they throw otherwise), every request reached a real route, and
 * the bundle of one vendor client, openapi-fetch included, stays within its brotli budget.
 */
import { describe, expect, it } from "vitest";
import { CLIENT_BUDGET_BASE_BYTES, clientBudgetBytes, findVendors } from "../../../scripts/lib/vendors.ts";
import { NAMES } from "../src/contenders.js";
import { QUICK, runBenchmarks } from "../src/run.js";
import { BUNDLE_BUDGET_BROTLI_BYTES } from "../src/sections/bundle.js";

const results = await runBenchmarks({ quick: true });

describe("quick benchmarks", () => {
  // The budget is the measured size plus room, not the 5 kB target (see BUNDLE_TARGET_BROTLI_BYTES).
  it("keeps each vendor client, openapi-fetch included, within the brotli budget", () => {
    const budgeted = (results.bundle ?? []).filter((row) => row.budgeted);
    const vendors = findVendors();
    expect(budgeted.map((row) => row.name)).toEqual(vendors.map((vendor) => vendor.packageName));
    for (const row of budgeted) {
      expect(row.breakdown.map((part) => part.from)).toContain("openapi-fetch");
      // The one-operation budget, plus the allowance for a larger document's facts (see clientBudgetBytes).
      const vendor = vendors.find((candidate) => candidate.packageName === row.name);
      const budget = vendor ? clientBudgetBytes(vendor) : 0;
      expect(CLIENT_BUDGET_BASE_BYTES).toBe(BUNDLE_BUDGET_BROTLI_BYTES);
      expect(row.brotliBytes, `${row.name} brotli bytes`).toBeLessThanOrEqual(budget);
    }
  });

  it("runs every contender, loopback and in process", () => {
    const [loopback, inProcess] = results.overhead;
    expect(loopback?.rows.map((row) => row.name)).toEqual([
      NAMES.rawVectorAI,
      NAMES.rawArchil,
      NAMES.openapiFetchVectorAI,
      NAMES.openapiFetchArchil,
      NAMES.vectorai,
      NAMES.archil,
      NAMES.disk,
    ]);
    expect(inProcess?.rows.map((row) => row.name)).toContain(NAMES.archilFetchOption);
    // Every call of every contender reached the separate server process on a real route.
    const { rounds, opsPerRound, warmupOps } = QUICK.loopback;
    const perContender = warmupOps + rounds * opsPerRound;
    expect(loopback?.server).toMatchObject({
      vectorai: 3 * perContender,
      archil: 4 * perContender,
      other: 0,
      unauthenticated: 0,
    });
  });

  it("deletes every id in every bulk case", () => {
    const cases = ["sequential loop of delete", ...QUICK.bulk.concurrencies.map((c) => `deleteMany, concurrency ${c}`)];
    expect(results.bulk?.throughput.map((row) => row.name)).toEqual(cases);
    expect(results.bulk?.rss.map((row) => row.name)).toEqual(cases);
  });

  it("streams every id of a generator with keepResults: false, and settles an aborted batch", () => {
    const rows = results.stream?.rows ?? [];
    expect(rows.map((row) => row.contender)).toEqual(["sdk", "sdk", "fetch", "fetch"]);
    for (const [whole, aborted] of [rows.slice(0, 2), rows.slice(2)]) {
      expect(whole).toMatchObject({ settled: QUICK.stream.count, failed: 0, aborted: false, abortLoopBlockMs: null });
      expect(aborted?.aborted).toBe(true);
      expect(aborted?.settled).toBeLessThan(QUICK.stream.count);
      expect(aborted?.abortLoopBlockMs).toBeGreaterThanOrEqual(0);
    }
    expect(results.stream?.checks.map((check) => check.name)).toEqual([
      "peak RSS growth",
      "abort to settled",
      "longest event-loop block, abort to settled",
    ]);
  });

  it("runs every hostile body at two sizes, ten times apart", () => {
    const rows = results.hostile?.rows ?? [];
    expect(rows).toHaveLength(6);
    for (let i = 0; i < rows.length; i += 2) {
      const [small, large] = [rows[i], rows[i + 1]];
      expect((large?.bodyBytes ?? 0) / (small?.bodyBytes ?? 1)).toBeGreaterThan(8);
    }
    expect(results.hostile?.growth.map((step) => Number.isFinite(step.exponent))).toEqual([true, true, true]);
  });

  it("generates and type-checks a 100-operation spec", () => {
    expect(results.codegen?.rows).toHaveLength(1);
    expect(results.codegen?.rows[0]).toMatchObject({ operations: 100 });
    expect(results.codegen?.rows[0]?.generatedBytes).toBeGreaterThan(0);
  });
});
