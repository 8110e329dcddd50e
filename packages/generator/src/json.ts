/** The JSON value types the generator works on, and `$ref` following inside one bundled document. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function stringOf(value: Json | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * Follows local `$ref`s (`#/components/...`; bundling has made every `$ref` local) until it reaches
 * a concrete object. Keys written beside a `$ref` (a `description`, a `summary`: common in real
 * documents, and allowed by OpenAPI 3.1) override the target's, so the writer's words win.
 */
export function deref(
  doc: JsonObject,
  node: Json | undefined,
  seen: ReadonlySet<string> = new Set(),
): JsonObject | undefined {
  if (!isObject(node)) return undefined;
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  if (!ref.startsWith("#")) throw new Error(`unbundled $ref ${ref}`);
  if (seen.has(ref)) return undefined;
  let target: Json | undefined = doc;
  for (const segment of ref.replace(/^#\/?/, "").split("/").filter(Boolean)) {
    const key = decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~");
    target = isObject(target) ? target[key] : Array.isArray(target) ? target[Number(key)] : undefined;
  }
  const resolved = deref(doc, target, new Set([...seen, ref]));
  if (!resolved) return undefined;
  const { $ref: _ref, ...siblings } = node;
  return Object.keys(siblings).length === 0 ? resolved : { ...resolved, ...siblings };
}
