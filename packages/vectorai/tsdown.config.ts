import { packageBuild } from "../../.config/tsdown.ts";

export default packageBuild({ index: "src/index.ts", testing: "src/testing.ts", cli: "src/generated/cli.ts" });
