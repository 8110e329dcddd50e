// An ES-module project ("type": "module", `module: nodenext`): the SDKs load through `import`.
import { exercise } from "./scenario.js";

const loaded = import.meta.resolve("@sdkforge/vectorai");
if (!loaded.endsWith("/dist/index.js")) throw new Error(`expected the ESM build, resolved ${loaded}`);
await exercise("esm consumer (nodenext, import)");
