/**
 * Compile-time behaviour, checked by `tsc` in the typecheck task: each `@ts-expect-error` line
 * fails the build if the error it expects ever stops happening.
 */
import { expectTypeOf, it } from "vitest";
import { Archil, type DeleteResult, type Region } from "../src/index.js";

it("types regions and ids from the spec", () => {
  expectTypeOf<Region>().toEqualTypeOf<"aws-us-east-1" | "aws-eu-west-1" | "aws-us-west-2" | "gcp-us-central1">();
  const archil = new Archil({ apiKey: "key-types_123", region: "aws-us-west-2" });
  expectTypeOf(archil.apiTokens.delete).parameter(0).toEqualTypeOf<string>();
  // The success body is typed from the spec, unwrapped from Archil's `{ success, data }` envelope.
  expectTypeOf(archil.apiTokens.delete("x")).resolves.toEqualTypeOf<DeleteResult<string, { message?: string }>>();
  expectTypeOf(archil.apiTokens.deleteMany(["x"])).resolves.toHaveProperty("deleted");
  if (Math.random() > 2) {
    // @ts-expect-error an unknown region does not compile.
    void new Archil({ apiKey: "key-types_123", region: "mars-north-1" });
    // @ts-expect-error the token id is a string (a hash) in the spec.
    void archil.apiTokens.delete(12);
    // @ts-expect-error a string is not a list of ids: it would be read one character at a time.
    void archil.apiTokens.deleteMany("abc");
    // Any iterable or async iterable of ids will do: an array, a Set, readline's lines.
    void archil.apiTokens.deleteMany(new Set(["a", "b"]));
    void archil.apiTokens.deleteMany(
      (async function* () {
        yield "a";
      })(),
    );
  }
});
