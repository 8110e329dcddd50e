/**
 * `pnpm validate-specs [--strict] [vendor…]`: every vendor's document linted, and each problem
 * classified, the way the generator does it, every problem at once (see
 * packages/generator/src/validate-cli.ts).
 */
import { validateSpecs } from "@sdkforge/generator";
import { REPO_ROOT } from "./vendors.ts";

process.exitCode = await validateSpecs(REPO_ROOT, process.argv.slice(2));
