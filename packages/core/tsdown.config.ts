import { packageBuild } from "../../.config/tsdown.ts";

export default packageBuild({ index: "src/index.ts", testing: "src/testing/index.ts", cli: "src/cli/index.ts" });
