/**
 * `pnpm validate-specs [--strict] [vendor…]`: every vendor's document validated the way the
 * generator validates it, every problem at once (see packages/generator/src/validate-cli.ts).
 */
import { validateSpecs } from "@sdkforge/generator";
import { REPO_ROOT } from "./vendors.ts";

process.exitCode = await validateSpecs(REPO_ROOT, process.argv.slice(2));
