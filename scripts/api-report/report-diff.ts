/**
 * What a change to a package's API report means: its unified diff for people, a level for the
 * release check, and the user-visible method changes for changesets.
 *   - cosmetic: only doc text differs (comments, and `description`/`summary` strings that the
 *     generated facts carry as literal types);
 *   - additive: lines were only added;
 *   - breaking: any line was removed or changed.
 */
import { createTwoFilesPatch, diffLines } from "diff";
import type { ChangeLevel } from "../spec-sync/spec-changes.ts";

const DOC_LINE = /^\s*(\/\/|\/\*\*|\*\/|\* |\*$)/;
const DOC_STRING = /^(\s*(?:readonly\s+)?["']?(?:description|summary)["']?\??:\s*)(".*"|'.*');?$/;

function normalized(report: string): string {
  return report
    .split("\n")
    .filter((line) => !DOC_LINE.test(line))
    .map((line) => line.replace(DOC_STRING, "$1<text>;"))
    .join("\n");
}

export function reportLevel(before: string | undefined, after: string | undefined): ChangeLevel | undefined {
  if (before === after) return undefined;
  if (before === undefined) return "additive";
  if (after === undefined) return "breaking";
  const [from, to] = [normalized(before), normalized(after)];
  if (from === to) return "cosmetic";
  const removed = diffLines(from, to).some((part) => part.removed && part.value.trim() !== "");
  return removed ? "breaking" : "additive";
}

export function reportPatch(file: string, before: string | undefined, after: string | undefined): string {
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before ?? "", after ?? "", undefined, undefined, { context: 3 });
}

export interface MethodChange {
  readonly kind: "added" | "removed" | "changed";
  readonly method: string;
  readonly before?: string;
  readonly after?: string;
}

function methodLines(report: string | undefined): Map<string, string> {
  const section = report?.split("## Methods of the exported classes, resolved")[1] ?? "";
  const lines = new Map<string, string>();
  for (const line of section.split("\n")) {
    const name = /^([A-Za-z_$][\w$]*#[\w$.]+)/.exec(line)?.[1];
    if (!name) continue;
    // Overloads share a name: keep them together so a changed overload reads as one change.
    lines.set(name, lines.has(name) ? `${lines.get(name)}\n${line}` : line);
  }
  return lines;
}

/** Methods a caller gains, loses, or sees with another signature (`Archil#disks.delete(...)`). */
export function methodChanges(before: string | undefined, after: string | undefined): MethodChange[] {
  const [from, to] = [methodLines(before), methodLines(after)];
  const changes: MethodChange[] = [];
  for (const [method, line] of to) {
    const earlier = from.get(method);
    if (earlier === undefined) changes.push({ kind: "added", method, after: line });
    else if (earlier !== line) changes.push({ kind: "changed", method, before: earlier, after: line });
  }
  for (const [method, line] of from) if (!to.has(method)) changes.push({ kind: "removed", method, before: line });
  return changes.sort((a, b) => (a.method < b.method ? -1 : 1));
}
