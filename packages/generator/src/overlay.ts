/**
 * Applies a vendor's OpenAPI Overlay (1.0) to the bundled document, with openapi-format's
 * implementation of the standard. The overlay is how a vendor package says what the document
 * does not (its product name, a credential prefix, helper names) without editing the vendor's file.
 *
 * Extensions the generator reads from the overlaid document:
 *   - `info.x-sdkforge-name`: product and client class name (`VectorAI`);
 *   - `components.securitySchemes.<name>.x-sdkforge-prefix`: prepended to an apiKey (`key-`);
 *   - on an operation: `x-sdkforge-resource`, `x-sdkforge-method` (helper names) and
 *     `x-sdkforge-failure-when` (a 2xx body that reports a failure, e.g. `{ status: error }`) and
 *     `x-sdkforge-success-when` (what a 2xx body must say to count as a success, e.g. `{ status: success }`).
 *
 * And one from the overlay document itself, since it is about how sdkforge treats the vendor's
 * document rather than about the API: `x-sdkforge-strict: true` makes every validation problem
 * stop generation (see validation.ts).
 */
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { openapiOverlay } from "openapi-format";
import { parse as parseYaml } from "yaml";
import { isObject, type JsonObject } from "./json.ts";
import { SpecProblem } from "./problems.ts";

/** Whether the overlay (when there is one) asks for strict validation with `x-sdkforge-strict: true`. */
export async function overlayAsksStrict(overlayPath: string | undefined, root: string): Promise<boolean> {
  if (overlayPath === undefined) return false;
  const overlay: unknown = parseYaml(await readFile(overlayPath, "utf8"));
  const strict = isObject(overlay) ? overlay["x-sdkforge-strict"] : undefined;
  if (strict === undefined || typeof strict === "boolean") return strict === true;
  throw new SpecProblem(
    relative(root, overlayPath).split("\\").join("/"),
    "#/x-sdkforge-strict",
    `must be true or false, not ${JSON.stringify(strict)}`,
    "Write `x-sdkforge-strict: true` to make every validation problem stop generation, or leave it out.",
  );
}

export async function applyOverlay(document: JsonObject, overlayPath: string, display: string): Promise<JsonObject> {
  const overlay: unknown = parseYaml(await readFile(overlayPath, "utf8"));
  if (!isObject(overlay) || typeof overlay.overlay !== "string" || !/^1\.0\.\d+$/.test(overlay.overlay)) {
    throw new SpecProblem(
      display,
      "#/overlay",
      "is not an OpenAPI Overlay 1.0 document",
      "Start it with `overlay: 1.0.0`.",
    );
  }
  const actions = Array.isArray(overlay.actions) ? overlay.actions : [];
  actions.forEach((action, index) => {
    if (!isObject(action) || typeof action.target !== "string") {
      throw new SpecProblem(display, `#/actions/${index}`, "has no `target`", "Give every action a JSONPath `target`.");
    }
  });
  // The library logs its own complaints; the checks above and below give ours with the file's name.
  const { data, resultData } = await openapiOverlay(structuredClone(document), {
    overlaySet: overlay as Parameters<typeof openapiOverlay>[1]["overlaySet"],
  });
  const unused = (resultData as { unusedActions?: { target?: string }[] }).unusedActions ?? [];
  const [first] = unused;
  if (first) {
    const index = actions.findIndex((action) => isObject(action) && action.target === first.target);
    throw new SpecProblem(
      display,
      `#/actions/${index}`,
      `target ${first.target} matches nothing in the document`,
      "Fix the JSONPath (it addresses the bundled document, e.g. `$.paths['/api/tokens/{id}'].delete`).",
    );
  }
  if (!isObject(data))
    throw new SpecProblem(display, "", "turned the document into a non-object", "Check its actions.");
  return data as JsonObject;
}
