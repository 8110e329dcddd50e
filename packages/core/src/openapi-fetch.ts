/**
 * openapi-fetch ships its factory only as a default export. A CommonJS build that bundles an ESM
 * `import createClient from "openapi-fetch"` ends up calling the module namespace instead of the
 * function (`(0, import_openapi_fetch.default) is not a function`). Resolving the function here,
 * whichever shape the loader hands us, keeps both the ESM and the CJS build working.
 */

import type { Client, ClientOptions } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";

type CreateClient = <Paths extends object>(options?: ClientOptions) => Client<Paths>;

const candidate: unknown = (openapiFetch as { default?: unknown }).default;
export const createClient: CreateClient = (
  typeof candidate === "function" ? candidate : (candidate as { default: unknown }).default
) as CreateClient;

export type { Client };
