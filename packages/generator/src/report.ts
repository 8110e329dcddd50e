/**
 * `pnpm generate --report <vendor> [--json]`: what a vendor package exposes. The JSON shape is a
 * contract (tools and tests read it); the table and the README's API reference are the same
 * data for people.
 */
import { markdownCode } from "./escape.ts";
import type { VendorFacts } from "./facts.ts";
import { commandWords } from "./naming.ts";

export interface VendorReport {
  readonly vendor: string;
  readonly package: string;
  readonly className: string;
  readonly baseUrlRequired: boolean;
  readonly credentials: readonly {
    readonly option: string;
    readonly env: string;
    readonly scheme: string;
    readonly type: string;
    readonly httpScheme?: "bearer" | "basic";
    readonly in: string;
    readonly name: string;
  }[];
  readonly operations: readonly {
    readonly operationId: string | null;
    readonly method: string;
    readonly path: string;
    readonly helper: string | null;
    readonly args: readonly string[];
    readonly reason?: string;
  }[];
}

export function vendorReport(facts: VendorFacts): VendorReport {
  return {
    vendor: facts.vendor,
    package: `@sdkforge/${facts.vendor}`,
    className: facts.spec.name,
    baseUrlRequired: facts.baseUrlRequired,
    credentials: facts.credentials.map((c) => ({
      option: c.option,
      env: c.env,
      scheme: c.scheme,
      type: c.type,
      ...(c.httpScheme ? { httpScheme: c.httpScheme } : {}),
      in: c.in,
      name: c.name,
    })),
    operations: facts.operations.map((op) => ({ ...op, args: [...op.args] })),
  };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

/** The bin's command for a helper (`apiTokens.delete` → `api-tokens delete <id>...`). */
function commandLine(helper: string, args: readonly string[]): string {
  const dot = helper.lastIndexOf(".");
  const words = commandWords(helper.slice(0, dot), helper.slice(dot + 1));
  const ids = args.length === 1 ? `<${args[0]}>...` : `<${args.join(",")}>...`;
  return `${words.join(" ")} ${ids}`;
}

/** Markdown tables: readable in a terminal, and the body of the README's API reference. */
export function reportTables(report: VendorReport): string {
  const code = markdownCode;
  const credentials =
    report.credentials.length === 0
      ? "No credentials: the document declares no security."
      : table(
          ["option", "env var", "scheme", "sent as"],
          report.credentials.map((c) => [
            code(c.option),
            code(c.env),
            `${code(c.scheme)} (${c.type}${c.httpScheme ? ` ${c.httpScheme}` : ""})`,
            `${c.in} ${code(c.name)}`,
          ]),
        );
  const helpers = report.operations.filter((op) => op.helper !== null);
  const operations = table(
    ["helper", "operation", "arguments", "command"],
    helpers.map((op) => [
      code(`${op.helper}(${[...op.args, "options?"].join(", ")})`),
      `${code(`${op.method.toUpperCase()} ${op.path}`)}${op.operationId ? ` (${code(op.operationId)})` : ""}`,
      op.args.map(code).join(", ") || "none",
      code(`${report.vendor} ${commandLine(op.helper ?? "", op.args)}`),
    ]),
  );
  const others = report.operations.length - helpers.length;
  const rest =
    others === 0
      ? ""
      : `\n\nThe document's ${others} other operation${others === 1 ? "" : "s"} (not DELETEs) ${others === 1 ? "is" : "are"} callable through \`raw\`, typed from the generated paths.`;
  const base = report.baseUrlRequired
    ? "The document has no absolute server URL: pass `baseUrl` (or set the base-URL env var)."
    : "`baseUrl` defaults to the document's first server.";
  return `Client class ${code(report.className)} from ${code(report.package)}. ${base}\n\n${credentials}\n\nEvery helper has a bulk form (\`deleteMany\` for \`delete\`, \`<method>Many\` otherwise) taking an iterable of ids.\n\n${operations}${rest}${helpers.length === 0 ? "" : `\n\nEvery helper is also a command of the package's bin (\`npx ${report.package} --help\`).`}\n`;
}
