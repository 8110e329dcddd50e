/**
 * The report a maintainer (or the spec-sync pull request) reads: per vendor package, the spec
 * changes with their level, what they do to the public API (methods gained, lost or retyped, and the
 * API report's diff), and the changeset written. Also the changeset summary users read in the
 * changelog.
 */
import type { Bump } from "../api-report/changesets.ts";
import type { MethodChange } from "../api-report/report-diff.ts";
import type { ChangeLevel, SpecChange } from "./spec-changes.ts";

export interface ApiReportChange {
  /** `packages/archil/api-report/archil.api.md` */
  readonly file: string;
  readonly level: ChangeLevel;
  readonly patch: string;
}

export interface PackageReport {
  readonly vendor: string;
  readonly packageName: string;
  readonly specFile: string;
  readonly specChanges: readonly SpecChange[];
  readonly apiChanges: readonly ApiReportChange[];
  readonly methodChanges: readonly MethodChange[];
  /** Highest level over spec and API changes; undefined when nothing changed. */
  readonly level: ChangeLevel | undefined;
  readonly bump: Bump | undefined;
  /** False when only two documents were compared (no package, so no API report and no bump). Default true. */
  readonly apiCompared?: boolean;
  /** `.changeset/<file>` when one was written. */
  readonly changesetFile?: string | undefined;
}

const LEVEL_LABEL: Record<ChangeLevel, string> = {
  breaking: "breaking",
  additive: "additive",
  cosmetic: "cosmetic (wording)",
};

function methodLine(change: MethodChange): string {
  const signature = (text: string | undefined) => `\`${(text ?? "").split("\n")[0]?.replace("#", ".") ?? ""}\``;
  if (change.kind === "added") return `new method ${signature(change.after)}`;
  if (change.kind === "removed") return `removed method ${signature(change.before)}`;
  return `changed method ${signature(change.before)} → ${signature(change.after)}`;
}

/** `3 changes: 1 breaking, 1 additive, 1 cosmetic (wording)`, so a reviewer sees the weight first. */
export function summaryLine(changes: readonly SpecChange[]): string {
  const counts = (["breaking", "additive", "cosmetic"] as const)
    .map((level) => [level, changes.filter((change) => change.level === level).length] as const)
    .filter(([, count]) => count > 0)
    .map(([level, count]) => `${count} ${LEVEL_LABEL[level]}`);
  const total = `${changes.length} change${changes.length === 1 ? "" : "s"}`;
  return counts.length > 0 ? `${total}: ${counts.join(", ")}` : "No change to the spec.";
}

/**
 * `unchanged` says what was compared for a report without changes: by default a sync's (the spec
 * already says what the docs say); `spec-diff` compares git revisions or two files instead.
 */
export function renderReport(
  reports: readonly PackageReport[],
  title: string,
  unchanged: (report: PackageReport) => string = (report) => `\`${report.specFile}\` already says what the docs say.`,
): string {
  const lines = [`# ${title}`, ""];
  for (const report of reports) {
    if (!report.level) {
      lines.push(`## ${report.packageName}: no change`, "", unchanged(report), "");
      continue;
    }
    const verdict = report.bump ? `${report.bump} (${LEVEL_LABEL[report.level]})` : LEVEL_LABEL[report.level];
    lines.push(`## ${report.packageName}: ${verdict}`, "");
    lines.push(`### Spec changes (\`${report.specFile}\`)`, "", summaryLine(report.specChanges), "");
    lines.push("| level | where | change |", "| --- | --- | --- |");
    if (report.specChanges.length === 0) lines.push("| - | - | no change to the spec |");
    for (const change of report.specChanges) {
      lines.push(`| ${change.level} | \`${change.where}\` | ${change.what.replaceAll("|", "\\|")} |`);
    }
    if (report.apiCompared === false) {
      lines.push("", "The public API was not compared: two documents were given, not a vendor package.", "");
      continue;
    }
    lines.push("", "### Public API", "");
    if (report.methodChanges.length === 0 && report.apiChanges.length === 0) {
      lines.push("No change to the API report: the change reaches documentation (JSDoc) only.");
    }
    for (const change of report.methodChanges) lines.push(`- ${methodLine(change)}`);
    for (const change of report.apiChanges) {
      lines.push(
        "",
        `<details><summary><code>${change.file}</code> (${change.level})</summary>`,
        "",
        "```diff",
        change.patch.trimEnd(),
        "```",
        "",
        "</details>",
      );
    }
    if (report.changesetFile) {
      lines.push(
        "",
        "### Changeset",
        "",
        `\`.changeset/${report.changesetFile}\`: \`"${report.packageName}": ${report.bump}\``,
      );
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The changelog entry: user-visible changes first, then the spec changes behind them. */
export function changesetSummary(report: PackageReport, vendorTitle: string): string {
  const lines = [`Synced \`${report.specFile}\` with the published API reference of ${vendorTitle}.`, ""];
  for (const change of report.methodChanges)
    lines.push(`- ${methodLine(change).replace(/^./, (c) => c.toUpperCase())}.`);
  for (const change of report.specChanges) {
    const prefix = change.level === "breaking" ? "**Breaking:** " : "";
    lines.push(`- ${prefix}\`${change.where}\`: ${change.what}.`);
  }
  return lines.join("\n");
}
