/**
 * `ResourcesOf` / `PathIdOf` are written to type-check in linear time; these cases pin that they
 * mean exactly what the straightforward `keyof` formulation below means.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { ApiSpec, DeleteResource, OperationSpec, PathIdOf, ResourcesOf } from "../src/index.js";
import type { Things, ThingsPaths, thingsSpec } from "./fixtures.js";

type ReferencePathIdOf<Paths, Operation extends OperationSpec> = Operation["path"] extends keyof Paths
  ? Paths[Operation["path"]] extends { [M in Operation["method"]]: { parameters: { path: infer PathParams } } }
    ? PathParams[keyof PathParams]
    : never
  : never;

type ReferenceResourcesOf<Paths, Spec extends ApiSpec> = {
  readonly [R in keyof Spec["resources"]]: Spec["resources"][R]["delete"] extends infer Id extends
    keyof Spec["operations"]
    ? DeleteResource<ReferencePathIdOf<Paths, Spec["operations"][Id]>>
    : never;
};

const operation = <const Path extends string, const Type extends "integer" | "string">(path: Path, type: Type) =>
  ({
    operationId: path,
    method: "delete",
    path,
    summary: "",
    tag: "",
    resource: "",
    params: [{ name: "id", in: "path", required: true, type }],
    responses: {},
  }) as const;

const mixed = {
  title: "",
  version: "",
  servers: [],
  security: { type: "http", header: "Authorization", prefix: "Bearer " },
  operations: {
    numbered: { ...operation("/numbered/{id}", "integer"), operationId: "numbered" },
    named: { ...operation("/named/{id}", "string"), operationId: "named" },
    unlisted: { ...operation("/unlisted/{id}", "string"), operationId: "unlisted" },
  },
  resources: {
    numbers: { delete: "numbered" },
    names: { delete: "named" },
    // Points at an operation the spec does not have.
    dangling: { delete: "missing" },
    // Its path is not in `paths`.
    pathless: { delete: "unlisted" },
    // No delete at all (the generator never writes one; covered by the equivalence below).
    empty: {},
  },
} as const satisfies ApiSpec;

interface MixedPaths {
  "/numbered/{id}": { delete: { parameters: { path: { id: number } } } };
  "/named/{id}": { delete: { parameters: { path: { id: string } } }; get: { parameters: { path: { id: number } } } };
}

describe("ResourcesOf", () => {
  it("gives each resource the id type of its path parameter", () => {
    expectTypeOf<ResourcesOf<MixedPaths, typeof mixed>["numbers"]>().toEqualTypeOf<DeleteResource<number>>();
    expectTypeOf<ResourcesOf<MixedPaths, typeof mixed>["names"]>().toEqualTypeOf<DeleteResource<string>>();
    expectTypeOf<Things["things"]>().toEqualTypeOf<DeleteResource<string>>();
  });

  it("accepts no id where the spec or the paths do not line up", () => {
    expectTypeOf<ResourcesOf<MixedPaths, typeof mixed>["dangling"]>().toBeNever();
    expectTypeOf<ResourcesOf<MixedPaths, typeof mixed>["pathless"]>().toEqualTypeOf<DeleteResource<never>>();
  });

  it("means what the keyof formulation means", () => {
    expectTypeOf<ResourcesOf<MixedPaths, typeof mixed>>().toEqualTypeOf<
      ReferenceResourcesOf<MixedPaths, typeof mixed>
    >();
    expectTypeOf<ResourcesOf<ThingsPaths, typeof thingsSpec>>().toEqualTypeOf<
      ReferenceResourcesOf<ThingsPaths, typeof thingsSpec>
    >();
    expectTypeOf<PathIdOf<MixedPaths, (typeof mixed)["operations"]["numbered"]>>().toEqualTypeOf<number>();
    expectTypeOf<PathIdOf<MixedPaths, (typeof mixed)["operations"]["unlisted"]>>().toBeNever();
  });
});
