/**
 * `pnpm generate [--check] [vendor…]` and `pnpm generate --report <vendor> [--json]`.
 * The generator lives in packages/generator (see its README); this is only its entry point.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "@sdkforge/generator";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.exitCode = await main(root, process.argv.slice(2));
