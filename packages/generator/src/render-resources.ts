/**
 * `src/generated/resources.ts`: the typed helpers of a client, one interface member per DELETE,
 * with JSDoc from the document. Every type is an indexed access into openapi-typescript's `paths`
 * by literal keys, so type-checking stays linear in the number of operations.
 */
import type { OperationSpec, SchemaSpec } from "@sdkforge/core";
import { literal, quotedInComment } from "./escape.ts";
import type { HelperFacts, VendorFacts } from "./facts.ts";
import { docComment, tag } from "./jsdoc.ts";

function isEnvelope(schema: SchemaSpec | undefined): boolean {
  const props = schema?.properties;
  return props?.success?.type === "boolean" && props.data !== undefined;
}

function key(value: string): string {
  return literal(value);
}

/** The type of the success body the helper resolves with (`never` when no 2xx documents one). */
function dataType(operationType: string, operation: OperationSpec): string {
  const types: string[] = [];
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!/^2/.test(status) || !response.contentType || !/json/i.test(response.contentType)) continue;
    const body = `${operationType}["responses"][${key(status)}]["content"][${key(response.contentType)}]`;
    // The runtime unwraps a `{ success, data }` envelope, as the type says.
    types.push(isEnvelope(response.schema) ? `${body}["data"]` : body);
  }
  return types.length > 0 ? types.join(" | ") : "never";
}

interface Signature {
  readonly id: string;
  readonly args: string;
  readonly options: string;
  readonly optional: boolean;
}

function signature(operation: OperationSpec, nullable: readonly string[]): Signature {
  const operationType = `paths[${key(operation.path)}][${key(operation.method)}]`;
  const pathType = `${operationType}["parameters"]["path"]`;
  const names = operation.pathParams;
  // No path holds `null`: the run time refuses it, so the argument's type does too.
  const types = names.map((name) =>
    nullable.includes(name) ? `NonNullable<${pathType}[${key(name)}]>` : `${pathType}[${key(name)}]`,
  );
  const id = types.length === 1 ? (types[0] as string) : `readonly [${types.join(", ")}]`;
  const query = operation.params.filter((param) => param.in === "query");
  const queryRequired = query.some((param) => param.required);
  const extras: string[] = [];
  if (query.length > 0) {
    extras.push(`query${queryRequired ? "" : "?"}: NonNullable<${operationType}["parameters"]["query"]>`);
  }
  const header = operation.params.filter((param) => param.in === "header");
  const headerRequired = header.some((param) => param.required);
  if (header.length > 0) {
    // Picked by name: openapi-typescript also types the header parameters the facts leave out (`Authorization`).
    const names = header.map((param) => key(param.name)).join(" | ");
    const picked = `Pick<NonNullable<${operationType}["parameters"]["header"]>, ${names}>`;
    extras.push(`header${headerRequired ? "" : "?"}: ${picked}`);
  }
  if (operation.body) {
    const body = `NonNullable<${operationType}["requestBody"]>["content"][${key(operation.body.contentType)}]`;
    extras.push(`body${operation.body.required ? "" : "?"}: ${body}`);
  }
  const optional = !queryRequired && !headerRequired && !operation.body?.required;
  const args = names.map((name, index) => `${argName(name, index)}: ${types[index]}`).join(", ");
  return {
    id,
    args,
    options: extras.length > 0 ? `{ ${extras.join("; ")} }` : "",
    optional,
  };
}

/** A path parameter's name as a TypeScript identifier (`token_id` stays, `user-id` → `user_id`). */
export function argName(name: string, index: number): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$]/g, "_");
  if (RESERVED_WORDS.has(cleaned) || cleaned === "options") return `${cleaned}_`;
  return /^[A-Za-z_$]/.test(cleaned) ? cleaned : `arg${index}_${cleaned}`;
}

const RESERVED_WORDS = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval".split(
    " ",
  ),
);

function renderHelper(helper: HelperFacts, facts: VendorFacts, indent: string): string {
  const operation = facts.spec.operations[helper.operationId] as OperationSpec;
  const docs = facts.docs[helper.operationId];
  const sig = signature(operation, facts.nullablePathParams[helper.operationId] ?? []);
  const data = dataType(`paths[${key(operation.path)}][${key(operation.method)}]`, operation);
  const route = `\`${operation.method.toUpperCase()} ${operation.path}\` (operation \`${helper.operationId}\`).`;
  const params = operation.pathParams.map((name, index) =>
    tag(`@param ${argName(name, index)}`, docs?.pathParams[name] ?? name),
  );
  const deprecated = docs?.deprecated ? "@deprecated The document marks this operation deprecated." : undefined;
  const optionsType = sig.options ? `DeleteOptions & ${sig.options}` : "DeleteOptions";
  const manyType = sig.options ? `DeleteManyOptions & ${sig.options}` : "DeleteManyOptions";
  const q = sig.optional ? "?" : "";
  const idNote =
    operation.pathParams.length > 1
      ? `Each id is the tuple \`[${operation.pathParams.map(argName).join(", ")}]\`, in path order; so is each result's \`id\`.`
      : undefined;
  const single =
    docComment(
      [
        docs?.summary ?? `Calls ${route}`,
        docs?.description,
        docs?.summary ? route : undefined,
        ...params,
        "@param options `missingOk`, `timeout`, `signal`, `maxRetries`, `headers`, and the operation's `query` / `body`.",
        deprecated,
      ],
      indent,
    ) +
    `${indent}${helper.method}(${sig.args}${sig.args ? ", " : ""}options${q}: ${optionsType}): APIPromise<DeleteResult<${sig.id}, ${data}>>;\n`;
  const bulk =
    docComment(
      [
        `\`${helper.method}\` for many ids, with bounded concurrency: ${docs?.summary ?? route}`,
        "Every id ends in `deleted` or `failed`; one failure never rejects the batch.",
        idNote,
        deprecated,
      ],
      indent,
    ) +
    `${indent}${helper.bulk}(ids: IdSource<${sig.id}>, options${q}: ${manyType}): Promise<DeleteManyResult<${sig.id}, ${data}>>;\n`;
  return single + bulk;
}

export function renderResources(banner: string, facts: VendorFacts): string {
  const byResource = new Map<string, HelperFacts[]>();
  for (const helper of facts.helpers) {
    const list = byResource.get(helper.resource) ?? [];
    list.push(helper);
    byResource.set(helper.resource, list);
  }
  const members = [...byResource].map(([resource, helpers]) => {
    const doc = docComment([facts.resourceDocs[resource]], "  ");
    const body = helpers.map((helper) => renderHelper(helper, facts, "    ")).join("");
    return `${doc}  readonly ${resource}: {\n${body}  };\n`;
  });
  const imports =
    facts.helpers.length === 0
      ? ""
      : `import type { APIPromise, DeleteManyOptions, DeleteManyResult, DeleteOptions, DeleteResult, IdSource } from "@sdkforge/core";
import type { paths } from "./openapi.js";

`;
  return `${banner}${imports}/** The client's helpers: one per DELETE operation of ${quotedInComment(facts.spec.title)}, grouped by resource. */
export interface Resources {
${members.join("")}}
`;
}
