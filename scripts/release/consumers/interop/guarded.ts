// The same call through core's guard, converted the same way.
import { createClient } from "../../../../packages/core/src/openapi-fetch.ts";

console.log(typeof createClient({ baseUrl: "http://127.0.0.1" }).DELETE);
