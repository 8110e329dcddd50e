/**
 * `pnpm new-vendor` end to end, in a scratch copy of the workspace (never this one): after the one
 * command, with nothing edited by hand, the new package is generated, linted, type-checked, built,
 * tested and packable, and the cross-vendor pieces (conformance against Prism and the spec-driven
 * server, size budgets, spec validation) cover it. Needs built packages (`pnpm build`), as
 * `pnpm test` provides; the scratch install reuses the local pnpm store offline.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, run } from "./lib/run.ts";
import { findVendors, REPO_ROOT } from "./lib/vendors.ts";
import { copyWorkspace } from "./release/workspace-copy.ts";

/** A vendor document of the project's own: bearer auth, one DELETE with an integer id. */
const WIDGETS = `openapi: 3.0.3
info:
  title: Widgets API
  version: 2.1.0
servers:
  - url: https://api.widgets.example.net/v2
security:
  - bearerAuth: []
tags:
  - name: Widgets
paths:
  /widgets/{widgetId}:
    delete:
      tags: [Widgets]
      operationId: deleteWidget
      summary: Delete a widget
      parameters:
        - name: widgetId
          in: path
          required: true
          description: The widget's numeric id.
          schema:
            type: integer
      responses:
        "200":
          description: Widget deleted
          content:
            application/json:
              schema:
                type: object
                required: [message]
                properties:
                  message:
                    type: string
        "401":
          description: Missing or invalid token
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Error"
        "404":
          description: No such widget
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Error"
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
  schemas:
    Error:
      type: object
      required: [message]
      properties:
        message:
          type: string
`;

const MINUTES = 60_000;
let work: string;
let repo: string;
const env = cleanEnv({ TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", CI: "true", NO_COLOR: "1" });
const inRepo = (command: string, args: string[], timeoutMs = 5 * MINUTES) =>
  run(command, args, { cwd: repo, env, timeoutMs });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "new-vendor-"));
  repo = join(work, "repo");
  await copyWorkspace(REPO_ROOT, repo);
  await writeFile(join(work, "widgets.yaml"), WIDGETS);
  await inRepo("pnpm", ["new-vendor", "widgets", "--spec", join(work, "widgets.yaml")]);
}, 10 * MINUTES);
afterAll(() => rm(work, { recursive: true, force: true, maxRetries: 3 }));

describe("pnpm new-vendor widgets --spec widgets.yaml", () => {
  it("copies the document byte for byte and is discovered as a vendor", async () => {
    expect(await readFile(join(repo, "specs", "widgets.yaml"), "utf8")).toBe(WIDGETS);
    const widgets = findVendors(repo).find((vendor) => vendor.id === "widgets");
    expect(widgets).toMatchObject({ packageName: "@sdkforge/widgets", specEntry: "specs/widgets.yaml" });
    const changeset = await readFile(join(repo, ".changeset", "widgets-first-release.md"), "utf8");
    expect(changeset).toMatch(/^---\n"@sdkforge\/widgets": minor\n---\n/);
  });

  it(
    "leaves generated code that is up to date and specs that validate",
    async () => {
      await inRepo("pnpm", ["generate", "--check"]);
      await inRepo("pnpm", ["validate-specs"]);
    },
    5 * MINUTES,
  );

  it(
    "gives a package that lints, type-checks, builds, passes its tests and packs",
    async () => {
      await inRepo("pnpm", [
        "exec",
        "turbo",
        "run",
        "lint",
        "typecheck",
        "build",
        "test",
        "check-package",
        "--filter=@sdkforge/widgets",
        "--output-logs=errors-only",
      ]);
    },
    10 * MINUTES,
  );

  it(
    "is covered by the Prism contract suite with no violations, and by the size budgets",
    async () => {
      const { stdout } = await run(
        "pnpm",
        ["exec", "vitest", "run", "test/contract.test.ts", "-t", "Widgets", "--reporter=verbose"],
        { cwd: join(repo, "packages", "conformance"), env, timeoutMs: 5 * MINUTES },
      );
      const passed = stdout.split("\n").filter((line) => /✓.*Widgets'? against Prism/.test(line));
      expect(passed.length, stdout).toBeGreaterThanOrEqual(5);
      expect(stdout).not.toMatch(/×|FAIL/);
      const size = await inRepo("pnpm", ["size"]);
      expect(size.stdout).toContain("@sdkforge/widgets: import { Widgets }");
    },
    10 * MINUTES,
  );
});
