/** The report's table form (and so the README's API reference) shows the same data as its JSON. */
import { expect, it } from "vitest";
import { reportTables, vendorReport, withApiReference } from "../../src/index.ts";
import { generateFixture } from "../helpers.ts";

it("tabulates credentials and helpers, and replaces only the README's marked section", async () => {
  const generated = await generateFixture("auth-kinds", "auth");
  const report = vendorReport(generated.facts);
  const tables = reportTables(report);
  expect(tables).toContain(
    "| `queryKey`    | `AUTH_QUERY_KEY`    | `queryKey` (apiKey)         | query `api_key`        |",
  );
  expect(tables).toContain("| `both.delete(id, options?)`");
  expect(tables.match(/^\| `[A-Za-z]+\.delete\(id, options\?\)`/gm)).toHaveLength(7);

  const readme = withApiReference("# @sdkforge/auth\n\nIntro.\n", report);
  const edited = readme.replace("Intro.", "A new intro.").replace("`both.delete", "`stale.delete");
  const regenerated = withApiReference(edited, report);
  expect(regenerated).toContain("A new intro.");
  expect(regenerated).not.toContain("stale.delete");
  expect(regenerated.match(/## API reference/g)).toHaveLength(1);
});
