// An application bundled with esbuild: the SDKs, openapi-fetch and all are inlined into one file.
import { exercise } from "./scenario";

await exercise("bundled app (esbuild)");
