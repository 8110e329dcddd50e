/**
 * Compile-time behaviour, checked by `tsc` in the typecheck task: each `@ts-expect-error` line
 * fails the build if the error it expects ever stops happening.
 */
import { expectTypeOf, it } from "vitest";
import { type components, type DeleteResult, VectorAI } from "../src/index.js";

it("types accessTokens.delete from the generated path types", () => {
  const vectorai = new VectorAI({ token: "vdai_types_token", baseUrl: "http://127.0.0.1:9" });
  expectTypeOf(vectorai.accessTokens.delete).parameter(0).toEqualTypeOf<number>();
  expectTypeOf(vectorai.accessTokens.delete(12)).resolves.toEqualTypeOf<
    DeleteResult<number, components["schemas"]["StatusResponse"]>
  >();
  if (Math.random() > 2) {
    // @ts-expect-error token_id is an integer in the spec, so a string does not compile.
    void vectorai.accessTokens.delete("12");
    // @ts-expect-error the spec has no such resource.
    void vectorai.apiTokens;
    // @ts-expect-error unknown options are rejected.
    void new VectorAI({ tokn: "typo" });
  }
});
