/**
 * What Redocly finds wrong with a vendor's document, and which of it stops generation.
 *
 * Real documents are rarely clean (an OpenAPI 3.1 `info.summary` in a 3.0 document, a POST body
 * without its `content` wrapper), and openapi-typescript types such documents with warnings. So
 * only a problem that would make the generated package wrong blocks:
 *   - an unresolvable `$ref`, anywhere: openapi-typescript refuses the whole document over one, so
 *     the generated types need every `$ref` resolved;
 *   - a structural problem in what a DELETE helper is built from: the DELETE operation, the
 *     `parameters` and `servers` of its path item, the document's `servers`, `security` and
 *     security schemes, and everything those reach through `$ref`s, in any file.
 * Everything else is a warning: structural problems inside JSON Schemas (openapi-typescript reads
 * them leniently and the run time only checks a body's shape) and in parts no helper uses.
 * Strict validation (`--strict`, or `x-sdkforge-strict: true` in the vendor's overlay) makes
 * every problem block, as a vendor that wants its document kept clean asks for.
 */
import { relative } from "node:path";
import { createConfig, lint, type NormalizedProblem } from "@redocly/openapi-core";
import { isObject } from "./json.ts";
import { SpecProblem, type Warn } from "./problems.ts";

/** One object of the document with what is wrong in it: a problem nested inside another's object is folded into it. */
export interface Finding {
  /** The file, relative to the workspace root. */
  readonly file: string;
  readonly pointer: string;
  /** What Redocly says, nested problems with their pointer relative to this one. */
  readonly problems: readonly string[];
  readonly suggest: readonly string[];
  /** Whether generation stops over it (unless validation is strict, which stops over everything). */
  readonly blocking: boolean;
  /** Why it blocks, or why generation can go on without it. */
  readonly reason: string;
}

interface WalkedLocation {
  readonly source: { readonly absoluteRef: string };
  readonly pointer: string;
  child(components: (string | number)[]): WalkedLocation;
}

interface VisitContext {
  readonly location: WalkedLocation;
  readonly key: string | number;
}

/** Locations as `file` → JSON pointers, checked by ancestry: everything under a location belongs to it. */
class LocationSet {
  private readonly byFile = new Map<string, Set<string>>();

  add(location: { readonly source: { readonly absoluteRef: string }; readonly pointer: string }): boolean {
    const pointers = this.byFile.get(location.source.absoluteRef) ?? new Set<string>();
    this.byFile.set(location.source.absoluteRef, pointers);
    if (pointers.has(location.pointer)) return false;
    pointers.add(location.pointer);
    return true;
  }

  covers(file: string, pointer: string): boolean {
    const pointers = this.byFile.get(file);
    if (!pointers) return false;
    for (let at = pointer; ; at = at.slice(0, at.lastIndexOf("/"))) {
      if (pointers.has(at)) return true;
      if (at.lastIndexOf("/") <= 1) return pointers.has("#/");
    }
  }
}

/**
 * A Redocly rule that reports nothing: while the lint walks the document it notes where the DELETE
 * helpers' inputs are and every `$ref` edge (from the `$ref`'s own location to its target's), so
 * that afterwards the locations a DELETE reaches, in whichever file, can be worked out.
 */
function deleteScopeRule() {
  const starts = new LocationSet();
  const edges: { from: WalkedLocation; to: WalkedLocation }[] = [];
  const visitor = {
    Root: {
      enter(_root: unknown, ctx: VisitContext) {
        starts.add(ctx.location.child(["servers"]));
        starts.add(ctx.location.child(["security"]));
        starts.add(ctx.location.child(["components", "securitySchemes"]));
      },
    },
    PathItem: {
      enter(item: unknown, ctx: VisitContext) {
        if (!isObject(item) || item.delete === undefined) return;
        starts.add(ctx.location.child(["parameters"]));
        starts.add(ctx.location.child(["servers"]));
      },
    },
    Operation: {
      enter(_operation: unknown, ctx: VisitContext) {
        if (ctx.key === "delete") starts.add(ctx.location);
      },
    },
    ref: {
      enter(_ref: unknown, ctx: VisitContext, resolved: { location?: WalkedLocation }) {
        if (resolved.location) edges.push({ from: ctx.location, to: resolved.location });
      },
    },
  };
  /** Every location the DELETE helpers' inputs reach, following `$ref`s until nothing new is reached. */
  const scope = () => {
    for (let grew = true; grew; ) {
      grew = false;
      for (const { from, to } of edges) {
        if (starts.covers(from.source.absoluteRef, from.pointer) && starts.add(to)) grew = true;
      }
    }
    return starts;
  };
  return { visitor, scope };
}

/** GitHub's `nullable` without `type` and its kind: inside a JSON Schema. */
function isInsideSchema(pointer: string): boolean {
  return /\/(schema|schemas|items|properties|allOf|anyOf|oneOf|not|additionalProperties)(\/|$)/.test(pointer);
}

const UNRESOLVED_REASON =
  "the generated types need every `$ref` resolved, and openapi-typescript refuses a document with one it cannot resolve";
const DELETE_REASON = "a DELETE helper is built from it";
const SCHEMA_REASON =
  "tolerated inside a schema: openapi-typescript reads it leniently and the run time checks only a body's shape";
const UNUSED_REASON = "tolerated: no DELETE helper is built from it, and openapi-typescript types it as written";

interface Draft {
  readonly file: string;
  readonly pointer: string;
  readonly problems: string[];
  readonly suggest: string[];
  blocking: boolean;
  reason: string;
}

/**
 * Lints a document (one file or the entry of several) and classifies what it finds, one finding
 * per broken object: Redocly reports a body without `content` twice (the missing field, and the
 * media type found in its place), and that is one problem to fix.
 */
export async function findProblems(entry: string, display: string, root: string): Promise<Finding[]> {
  const scopeRule = deleteScopeRule();
  const config = await createConfig({
    plugins: [{ id: "sdkforge", rules: { oas3: { "delete-scope": () => scopeRule.visitor } } }],
    rules: { struct: "error", "no-unresolved-refs": "error", "sdkforge/delete-scope": "error" },
  } as Parameters<typeof createConfig>[0]);
  const problems = await lint({ ref: entry, config });
  const scope = scopeRule.scope();
  const posix = (path: string) => path.split("\\").join("/");
  const located = problems.map((problem) => {
    const location = problem.location[0];
    const absolute = location?.source.absoluteRef ?? entry;
    const pointer = location?.pointer ?? "";
    return { problem, absolute, pointer, file: absolute === entry ? display : posix(relative(root, absolute)) };
  });
  // Sorted by file and pointer, an object comes before everything nested in it.
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  located.sort((a, b) => order(a.file, b.file) || order(a.pointer, b.pointer));
  const findings: Draft[] = [];
  for (const { problem, absolute, pointer, file } of located) {
    const { blocking, reason } = classify(problem, scope.covers(absolute, pointer), pointer);
    const owner = findings.findLast(
      (finding) => finding.file === file && (pointer === finding.pointer || pointer.startsWith(`${finding.pointer}/`)),
    );
    if (!owner) {
      findings.push({ file, pointer, problems: [problem.message], suggest: [...problem.suggest], blocking, reason });
      continue;
    }
    const nested = pointer.slice(owner.pointer.length);
    const text = nested ? `At …${nested}: ${problem.message}` : problem.message;
    if (!owner.problems.includes(text)) owner.problems.push(text);
    for (const suggestion of problem.suggest) if (!owner.suggest.includes(suggestion)) owner.suggest.push(suggestion);
    if (blocking && !owner.blocking) {
      owner.blocking = true;
      owner.reason = reason;
    }
  }
  return findings;
}

function classify(
  problem: NormalizedProblem,
  usedByDelete: boolean,
  pointer: string,
): { blocking: boolean; reason: string } {
  if (problem.ruleId === "no-unresolved-refs") return { blocking: true, reason: UNRESOLVED_REASON };
  if (isInsideSchema(pointer)) return { blocking: false, reason: SCHEMA_REASON };
  if (usedByDelete) return { blocking: true, reason: DELETE_REASON };
  return { blocking: false, reason: UNUSED_REASON };
}

/** `specs/x.yaml at #/info/summary: Property `summary` is not expected here.` */
export function describeFinding(finding: Finding): string {
  return `${finding.file}${finding.pointer ? ` at ${finding.pointer}` : ""}: ${finding.problems.join(" ")}`;
}

/**
 * Stops at the first finding that blocks (every finding, when strict), as a `SpecProblem` naming
 * its file and pointer; otherwise reports each finding once, as a warning, and lets generation go on.
 */
export function settleFindings(findings: readonly Finding[], strict: boolean, warn: Warn): void {
  const stop = findings.find((finding) => strict || finding.blocking);
  if (stop) {
    const suggestion =
      stop.suggest.length > 0 ? `Did you mean ${stop.suggest.map((s) => `\`${s}\``).join(", ")}? ` : "";
    throw new SpecProblem(
      stop.file,
      stop.pointer,
      `does not validate as OpenAPI: ${stop.problems.join(" ")} (${stop.blocking ? `it blocks generation: ${stop.reason}` : "strict validation"})`,
      `${suggestion}Fix the document (or report it to the vendor); \`pnpm validate-specs\` shows every problem at once.`,
    );
  }
  const seen = new Set<string>();
  for (const finding of findings) {
    const message = `${describeFinding(finding)} (${finding.reason})`;
    if (seen.has(message)) continue;
    seen.add(message);
    warn(message);
  }
}
