/**
 * Finds the OpenAPI documents a docs page carries. Mintlify's markdown pages put one operation's
 * document in a fenced block whose info string names the language and the operation
 * (```` ```yaml DELETE /api/tokens/{id} ````), fenced with four backticks because descriptions inside
 * hold ``` blocks of their own. Fences follow CommonMark: a block closes at a line of at least as many
 * of the same fence characters and nothing else.
 */
import { parse as parseYaml } from "yaml";

export interface FencedBlock {
  /** The info string after the opening fence, e.g. `yaml DELETE /api/tokens/{id}`. */
  readonly info: string;
  readonly text: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

export type OpenApiDocument = Record<string, unknown>;

export interface PageDocument {
  readonly block: FencedBlock;
  readonly document: OpenApiDocument;
}

export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: FencedBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(lines[index] ?? "");
    if (!open?.[1]) continue;
    const fence = open[1];
    const info = (open[2] ?? "").trim();
    // A backtick fence's info string may not contain backticks (CommonMark 4.5).
    if (fence[0] === "`" && info.includes("`")) continue;
    const body: string[] = [];
    let closed = false;
    for (index++; index < lines.length; index++) {
      const line = lines[index] ?? "";
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close?.[1] && close[1][0] === fence[0] && close[1].length >= fence.length) {
        closed = true;
        break;
      }
      body.push(line);
    }
    // An unclosed fence runs to the end of the page (CommonMark), which a truncated page produces.
    blocks.push({ info, text: body.join("\n") + (closed ? "\n" : ""), line: index - body.length });
  }
  return blocks;
}

/** A block's text parsed: JSON (minified or not) with `JSON.parse`, anything else as YAML. */
function parseBlock(text: string): unknown {
  return /^\s*[[{]/.test(text) ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
}

/** Whether the text itself declares `openapi` at its top level (not an example nested inside it). */
function declaresOpenapi(text: string): boolean {
  return /^["']?openapi["']?\s*:/m.test(text) || /^\s*\{\s*"openapi"\s*:/.test(text);
}

/**
 * The OpenAPI documents of a page: fenced `yaml`/`json` blocks whose parsed top level has an
 * `openapi` version. A block that only nests an `openapi:` key (an example, a config snippet) is not
 * a document. A block that declares `openapi` at its top level but does not parse is an error naming
 * the page and line, never a skipped block.
 */
export function openApiDocuments(markdown: string, origin: string): PageDocument[] {
  const found: PageDocument[] = [];
  for (const block of fencedBlocks(markdown)) {
    const language = block.info.split(/\s+/)[0]?.toLowerCase() ?? "";
    if (!["yaml", "yml", "json"].includes(language)) continue;
    let document: unknown;
    try {
      document = parseBlock(block.text);
    } catch (error) {
      if (!declaresOpenapi(block.text)) continue;
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new Error(
        `${origin}: the OpenAPI block at line ${block.line} ("${block.info}") is not valid ${language === "json" ? "JSON" : "YAML"}: ${reason}`,
      );
    }
    if (typeof document !== "object" || document === null || Array.isArray(document)) continue;
    if (!("openapi" in document)) continue;
    const version = (document as OpenApiDocument).openapi;
    if (typeof version !== "string" || !/^3\.[01]\./.test(version)) {
      throw new Error(`${origin}: the block at line ${block.line} is not an OpenAPI 3.0/3.1 document`);
    }
    found.push({ block, document: document as OpenApiDocument });
  }
  return found;
}
