/**
 * `src/generated/cli.ts`: the package's bin. It hands the incident-revocation CLI of
 * `@sdkforge/core/cli` this vendor's client, spec facts and the docs each DELETE has in the
 * document (summaries and descriptions for `--help`), so every helper has its command.
 */

import type { CommandDocs } from "@sdkforge/core/cli";
import { literal } from "./escape.ts";
import type { VendorFacts } from "./facts.ts";

function commandDocs(facts: VendorFacts): Record<string, CommandDocs> {
  const docs: Record<string, CommandDocs> = {};
  for (const helper of facts.helpers) {
    const found = facts.docs[helper.operationId];
    if (!found) continue;
    const entry: { -readonly [K in keyof CommandDocs]: CommandDocs[K] } = {};
    if (found.summary) entry.summary = found.summary;
    if (found.description) entry.description = found.description;
    if (found.deprecated) entry.deprecated = true;
    const params = Object.fromEntries(Object.entries(found.pathParams).filter(([, text]) => text !== undefined));
    if (Object.keys(params).length > 0) entry.pathParams = params;
    docs[helper.operationId] = entry;
  }
  return docs;
}

export function renderCli(banner: string, facts: VendorFacts): string {
  // The hashbang must be the file's first line; the bundler keeps it on the bin it emits.
  return `#!/usr/bin/env node
${banner}import { main } from "@sdkforge/core/cli";
import manifest from "../../package.json" with { type: "json" };
import { ${facts.spec.name} } from "../client.js";
import { spec } from "./spec.js";

main({
  bin: ${literal(facts.vendor)},
  packageName: manifest.name,
  version: manifest.version,
  spec,
  Client: ${facts.spec.name},
  docs: ${literal(commandDocs(facts), 2).replaceAll("\n", "\n  ")},
});
`;
}
