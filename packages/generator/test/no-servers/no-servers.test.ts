/** Without an absolute server, `baseUrl` is required, and its absence is a clear error. */

import { InvalidArgumentError } from "@sdkforge/core";
import { expect, it } from "vitest";
import { vendorReport } from "../../src/index.ts";
import { clientFor, generateFixture } from "../helpers.ts";

it.each([
  ["bare", "Bare: the spec lists no servers, so `baseUrl` is required. Pass it or set BARE_BASE_URL."],
  ["relative", 'Relative: the spec\'s server "/api/v2" is relative to wherever the document is served'],
])("%s", async (vendor, message) => {
  const generated = await generateFixture("no-servers", vendor);
  expect(vendorReport(generated.facts).baseUrlRequired).toBe(true);
  const Client = clientFor(generated.facts.spec);
  expect(() => new Client()).toThrow(InvalidArgumentError);
  expect(() => new Client()).toThrow(message);
  expect(new Client({ baseUrl: "https://api.example.com/v2/" }).baseUrl).toBe("https://api.example.com/v2");
});
