// The import that breaks in CommonJS builds: converted with Node's interop, the default import is
// the whole module object, so calling it throws `(0, import_openapi_fetch.default) is not a function`.
import createClient from "openapi-fetch";

console.log(typeof createClient({ baseUrl: "http://127.0.0.1" }).DELETE);
