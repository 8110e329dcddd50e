// A CommonJS project ("type": "commonjs", `module: node16`): every `import` compiles to `require()`.
import { exercise } from "./scenario.js";
import { firstPackage } from "./vendors.js";

const loaded = require.resolve(firstPackage);
if (!loaded.endsWith("/dist/index.cjs")) throw new Error(`expected the CommonJS build, resolved ${loaded}`);
exercise("cjs consumer (node16, require)").catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
