/**
 * Verdicts on real-shaped version pairs (`fixtures/version-pairs/`: a block-storage API as vendors
 * publish them, and one edit per file). Each pair's rows are checked whole: the level, the field
 * named, one row per change, and nothing else.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { highestLevel, specChanges } from "./spec-changes.ts";

const PAIRS = join(import.meta.dirname, "fixtures/version-pairs");
const load = (name: string): unknown => parse(readFileSync(join(PAIRS, `${name}.yaml`), "utf8"));
const base = load("base");
const rows = (name: string) =>
  specChanges(base, load(name)).map(({ level, where, what }) => `${level} | ${where} | ${what}`);

describe("spec changes between real-shaped versions", () => {
  const cases: Record<string, string[]> = {
    "request-required-added": ["name", "size_gigabytes", "description", "tags"].map(
      (field) =>
        `breaking | components.schemas.volume_update | schema \`volume_update\` (in requests) field \`${field}\` is now required`,
    ),
    "request-required-removed": [
      "additive | components.schemas.volume_create | schema `volume_create` (in requests) field `size_gigabytes` is now optional",
    ],
    "response-required-added": [
      "additive | components.schemas.volume | schema `volume` (in responses) field `status` is now required",
    ],
    "response-required-removed": [
      "breaking | components.schemas.volume | schema `volume` (in responses) field `created_at` is now optional",
    ],
    "request-constraint-tightened": [
      "breaking | components.schemas.volume_create | schema `volume_create` (in requests) field `name`: maxLength tightened from 64 to 32",
    ],
    "request-constraint-relaxed": [
      "additive | components.schemas.volume_create | schema `volume_create` (in requests) field `size_gigabytes`: minimum 1 removed",
      "additive | components.schemas.volume_create | schema `volume_create` (in requests) field `name`: maxLength 64 removed",
    ],
    "request-enum-value-removed": [
      'breaking | components.schemas.region_slug | schema `region_slug` (in requests): enum value "fra1" removed',
    ],
    "request-enum-value-added": [
      'additive | components.schemas.region_slug | schema `region_slug` (in requests): enum value "blr1" added',
    ],
    "response-enum-value-added": [
      'breaking | components.schemas.volume | schema `volume` (in responses) field `status`: enum value "detaching" added',
    ],
    "request-enum-value-renamed": [
      'breaking | components.schemas.volume_create | schema `volume_create` (in requests) field `filesystem_type`: enum value "xfs" renamed to "btrfs"',
    ],
    "response-union-member-dropped": [
      "additive | components.schemas.attachment | schema `attachment` (in responses): union (oneOf) member `kubernetes_attachment` dropped",
    ],
    "component-renamed": [
      "breaking | components.schemas.error | schemas component `error` renamed to `api_error` (its exported type's name changes)",
    ],
    "extension-changed": [
      "cosmetic | components.schemas.volume | schema `volume` (in responses): vendor extension `x-internal-owner` changed (not read by the generator)",
    ],
    "description-only": ["cosmetic | components.parameters.volume_id | parameter `volume_id`: description reworded"],
    "response-header-retyped": [
      'breaking | components.headers.ratelimit-limit | header `ratelimit-limit` retyped from "integer" to "string"',
    ],
  };
  for (const [name, expected] of Object.entries(cases)) {
    it(name, () => expect(rows(name)).toEqual(expected));
  }

  it("reverses the direction for a response constraint and a request union", () => {
    const relaxed = structuredClone(base) as { components: { schemas: Record<string, Record<string, unknown>> } };
    const volume = relaxed.components.schemas.volume as { properties: Record<string, Record<string, unknown>> };
    (volume.properties.name as Record<string, unknown>).maxLength = 64;
    expect(specChanges(base, relaxed).map(({ level }) => level)).toEqual(["additive"]);
    const request = structuredClone(base) as typeof relaxed;
    const create = request.components.schemas.volume_create as { properties: Record<string, unknown> };
    create.properties.attachment = { $ref: "#/components/schemas/attachment" };
    const narrowed = structuredClone(request);
    (narrowed.components.schemas.attachment as { oneOf: unknown[] }).oneOf.pop();
    // `attachment` now travels both ways: the request side makes the dropped member breaking.
    expect(specChanges(request, narrowed).map(({ level, what }) => `${level} ${what}`)).toEqual([
      "breaking schema `attachment` (in requests and responses): union (oneOf) member `kubernetes_attachment` dropped",
    ]);
  });

  it("counts a change no rule places as breaking, naming its pointer", () => {
    const after = structuredClone(base) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const list = after.paths["/v2/volumes"]?.get as Record<string, unknown>;
    list.operationId = "volumes_list_all";
    const [change, ...more] = specChanges(base, after);
    expect(more).toEqual([]);
    expect(change?.level).toBe("breaking");
    expect(change?.what).toContain("`/paths/~1v2~1volumes/get/operationId`");
  });

  it("finds nothing between equal documents and never reports a differing pair as unchanged", () => {
    expect(specChanges(base, structuredClone(base))).toEqual([]);
    const reordered = structuredClone(base) as { servers: unknown[] };
    reordered.servers = [{ url: "https://api.volumes.example.com/v2", variables: {} }];
    expect(highestLevel(specChanges(base, reordered))).toBeDefined();
  });
});
