// An ES-module project ("type": "module", `module: nodenext`): the SDKs load through `import` and `import()`.
import { exercise } from "./scenario.js";
import { firstClassName, firstClient, firstPackage } from "./vendors.js";

const loaded = import.meta.resolve(firstPackage);
if (!loaded.endsWith("/dist/index.js")) throw new Error(`expected the ESM build, resolved ${loaded}`);
// A dynamic import must land on the same module instance, or `instanceof` checks would split.
const dynamic = (await import(firstPackage)) as Record<string, unknown>;
if (dynamic[firstClassName] !== firstClient) throw new Error("import() and import loaded different copies of the SDK");
await exercise("esm consumer (nodenext, import and import())");
