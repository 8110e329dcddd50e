/**
 * Path-parameter safety. openapi-fetch percent-encodes values but lets `.` and `..` through, and
 * the URL parser then resolves them (openapi-fetch issue #2483): `id = ".."` would turn
 * `DELETE /api/tokens/{id}` into `DELETE /api/`. Every value is checked here, before any request.
 */
import { InvalidArgumentError } from "./errors.js";
import type { OperationSpec, ParamSpec, ParamType } from "./spec.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

function describe(value: unknown): string {
  if (typeof value === "string") return `a string of length ${value.length}`;
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : `the number ${value}`;
  return value === null ? "null" : `a value of type ${typeof value}`;
}

/** Why a value is not of one type, or `undefined` when it is. */
function mismatch(type: ParamType, value: unknown): string | undefined {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
        ? undefined
        : "a non-negative safe integer";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "a finite number";
    case "boolean":
      return typeof value === "boolean" ? undefined : "a boolean";
    default:
      if (typeof value !== "string" || value.length === 0) return "a non-empty string";
      if (value === "." || value === "..") return 'an id other than "." or ".."';
      if (CONTROL_CHARS.test(value)) return "a string without control characters";
      if (!value.isWellFormed()) return "a well-formed Unicode string";
      return undefined;
  }
}

/**
 * Returns the value to substitute into the path template, or throws `InvalidArgumentError`.
 * Integers must be non-negative safe integers (ids are never negative); strings must be non-empty,
 * must not be `.` or `..`, and must not contain control characters or lone surrogates. A parameter
 * of several types (`anyOf: [integer, string]`) takes a value that passes the check of any of them.
 */
export function checkPathParam(param: ParamSpec, value: unknown): string | number {
  const types = param.types && param.types.length > 0 ? param.types : [param.type];
  const reasons: string[] = [];
  for (const type of types) {
    const reason = mismatch(type, value);
    if (reason === undefined) return type === "boolean" ? String(value) : (value as string | number);
    reasons.push(reason);
  }
  const rule = [...new Set(reasons)].join(" or ");
  throw new InvalidArgumentError(param.name, `Invalid \`${param.name}\`: expected ${rule}, got ${describe(value)}.`);
}

/** Checks every path parameter of an operation; returns them keyed by name, ready for openapi-fetch. */
export function checkPathParams(
  params: readonly ParamSpec[],
  values: Readonly<Record<string, unknown>>,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const param of params) {
    if (param.in === "path") out[param.name] = checkPathParam(param, values[param.name]);
  }
  return out;
}

/**
 * The helper's positional path values, checked against the operation's path parameters in path
 * order (type, enum, and the refusals above); keyed by name, ready for openapi-fetch, which
 * percent-encodes each as one segment.
 */
export function checkPathValues(operation: OperationSpec, values: readonly unknown[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  operation.pathParams.forEach((name, index) => {
    const param = operation.params.find((p) => p.in === "path" && p.name === name);
    const value = values[index];
    if (param?.enum && !param.enum.includes(value as string)) {
      throw new InvalidArgumentError(
        name,
        `Invalid \`${name}\`: expected one of ${param.enum.join(", ")}, got ${describe(value)}.`,
      );
    }
    out[name] = checkPathParam(param ?? { name, in: "path", required: true, type: "string" }, value);
  });
  return out;
}
