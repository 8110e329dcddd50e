/**
 * A value for each parameter, and a request body, that the vendor's own document accepts, for the
 * suites that call every helper. The generated facts only carry a parameter's primitive type, and
 * Prism also checks `format`, `pattern`, required properties and the like (DigitalOcean's volume
 * ids are `format: uuid`; its cache purge needs `files`), so each value comes from the document
 * itself: its `example`, else the schema's, else one built from the schema.
 */
import { join } from "node:path";
import type { ParamSpec } from "@sdkforge/core";
import { deref, findSpecs, isObject, type Json, type JsonObject, loadDocument } from "@sdkforge/generator";
import { REPO_ROOT } from "../../../scripts/lib/vendors.ts";

export type Sample = string | number | boolean;

export interface Samples {
  /** A value for one of the operation's parameters. */
  param(path: string, method: string, param: ParamSpec): Sample;
  /** A request body for the operation, in the given media type. */
  body(path: string, method: string, contentType: string): unknown;
}

/** The first of a media or parameter object's `examples`, by value. */
function firstExample(doc: JsonObject, holder: JsonObject | undefined): Json | undefined {
  const examples = deref(doc, holder?.examples);
  return examples ? deref(doc, Object.values(examples)[0])?.value : undefined;
}

/** The value when it is one a parameter of this type can hold, else undefined. */
function ofType(param: ParamSpec, value: Json | undefined): Sample | undefined {
  if (param.type === "integer") return typeof value === "number" && Number.isSafeInteger(value) ? value : undefined;
  if (param.type === "number") return typeof value === "number" ? value : undefined;
  if (param.type === "boolean") return typeof value === "boolean" ? value : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
}

const BY_FORMAT: Readonly<Record<string, string>> = {
  uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  "date-time": "2026-01-01T00:00:00Z",
  date: "2026-01-01",
  email: "user@example.com",
  uri: "https://example.com/",
};

const byFormat = (schema: JsonObject | undefined) =>
  typeof schema?.format === "string" ? BY_FORMAT[schema.format] : undefined;

function paramFromSchema(param: ParamSpec, schema: JsonObject | undefined): Sample {
  if (param.enum?.[0] !== undefined) return param.enum[0];
  const given = ofType(param, schema?.example) ?? ofType(param, schema?.default);
  if (given !== undefined) return given;
  if (param.type === "integer" || param.type === "number") {
    return typeof schema?.minimum === "number" ? Math.max(1, Math.ceil(schema.minimum)) : 1;
  }
  if (param.type === "boolean") return true;
  return byFormat(schema) ?? "sample-1";
}

/** A value a JSON schema accepts: its example, else its required properties (or items) built the same way. */
function fromSchema(doc: JsonObject, node: Json | undefined, depth = 0): Json {
  const schema = deref(doc, node);
  if (!schema || depth > 8) return {};
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] ?? null;
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part) => fromSchema(doc, part, depth + 1));
    return parts.every(isObject) ? Object.assign({}, ...parts) : (parts[0] ?? {});
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives) && alternatives.length > 0) return fromSchema(doc, alternatives[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "array") {
    const count = typeof schema.minItems === "number" ? Math.max(1, schema.minItems) : 1;
    return Array.from({ length: count }, () => fromSchema(doc, schema.items, depth + 1));
  }
  if (type === "integer" || type === "number") return typeof schema.minimum === "number" ? schema.minimum : 1;
  if (type === "boolean") return true;
  if (type === "string") return byFormat(schema) ?? "sample";
  const properties = deref(doc, schema.properties) ?? {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.fromEntries(
    required.flatMap((name) =>
      typeof name === "string" ? [[name, fromSchema(doc, properties[name], depth + 1)]] : [],
    ),
  );
}

/** Reads the vendor's document (bundled, as the generator reads it) and answers for any of its operations. */
export async function sampleValues(specFile: string): Promise<Samples> {
  const sources = await findSpecs(join(REPO_ROOT, "specs"), REPO_ROOT);
  const source = sources.find((candidate) => candidate.display === specFile);
  if (!source) throw new Error(`no document ${specFile} under specs/`);
  const doc = (await loadDocument(source, REPO_ROOT, () => {})) as JsonObject;
  const paths = deref(doc, doc.paths) ?? {};
  const pathItemOf = (path: string) => deref(doc, paths[path]);
  return {
    param(path, method, param) {
      const pathItem = pathItemOf(path);
      const declared = [pathItem?.parameters, deref(doc, pathItem?.[method])?.parameters]
        .flatMap((list) => (Array.isArray(list) ? list : []))
        .map((entry) => deref(doc, entry))
        .filter((entry) => entry?.name === param.name && entry.in === param.in)
        .at(-1);
      return (
        ofType(param, declared?.example) ??
        ofType(param, firstExample(doc, declared)) ??
        paramFromSchema(param, deref(doc, declared?.schema))
      );
    },
    body(path, method, contentType) {
      const operation = deref(doc, pathItemOf(path)?.[method]);
      const media = deref(doc, deref(doc, deref(doc, operation?.requestBody)?.content)?.[contentType]);
      if (media?.example !== undefined) return media.example;
      return firstExample(doc, media) ?? fromSchema(doc, media?.schema);
    },
  };
}
