/**
 * Do a generated package's types and its run-time checks agree on what a path parameter accepts?
 * For every DELETE helper and every path parameter, each probe value is both type-checked as the
 * helper's argument (one tsc run, errors read per line) and passed to the helper of a real client
 * pointed at a scripted server on 127.0.0.1: a refusal is an `InvalidArgumentError` naming the
 * parameter, before anything is sent. The two verdicts must match for every probe.
 */
import { InvalidArgumentError, type OperationSpec } from "@sdkforge/core";
import { startScriptedServer } from "@sdkforge/core/testing";
import { CONSUMER_PRELUDE, clientFor, type Generated, typecheck } from "./helpers.ts";

/** One value of each shape a schema can allow, plus the parameter's enum values and one non-member. */
function probesFor(operation: OperationSpec, name: string): unknown[] {
  const param = operation.params.find((p) => p.in === "path" && p.name === name);
  const shapes: unknown[] = ["x", 7, true, null];
  return param?.enum ? [...param.enum, "not-a-member", ...shapes.slice(1)] : shapes;
}

/** A value the run time accepts for this parameter, for the others while one is probed. */
function validValue(operation: OperationSpec, name: string): unknown {
  const param = operation.params.find((p) => p.in === "path" && p.name === name);
  if (param?.enum) return param.enum[0];
  return param?.type === "integer" || param?.type === "number" ? 7 : param?.type === "boolean" ? true : "x";
}

interface Probe {
  readonly helper: string;
  readonly param: string;
  readonly value: unknown;
  readonly args: unknown[];
  readonly resource: string;
  readonly method: string;
  readonly index: number;
}

function allProbes(generated: Generated): Probe[] {
  const probes: Probe[] = [];
  for (const helper of generated.facts.helpers) {
    const operation = generated.facts.spec.operations[helper.operationId] as OperationSpec;
    operation.pathParams.forEach((param, index) => {
      for (const value of probesFor(operation, param)) {
        const args = operation.pathParams.map((other, i) => (i === index ? value : validValue(operation, other)));
        probes.push({
          helper: `${helper.resource}.${helper.method}`,
          param,
          value,
          args,
          resource: helper.resource,
          method: helper.method,
          index,
        });
      }
    });
  }
  return probes;
}

/** The probes tsc refuses as the helper's argument at their position. */
async function refusedByTypes(generated: Generated, probes: readonly Probe[], name: string): Promise<Set<number>> {
  const header = `${CONSUMER_PRELUDE}
type Arg<F, I extends number> = F extends (...args: infer A) => unknown ? A[I] : never;
`;
  const firstLine = header.split("\n").length;
  const lines = probes.map(
    (probe, i) =>
      `export const probe${i}: Arg<Resources[${JSON.stringify(probe.resource)}][${JSON.stringify(probe.method)}], ${probe.index}> = ${JSON.stringify(probe.value)};`,
  );
  const refused = new Set<number>();
  try {
    await typecheck({ [name]: { generated, consumer: `${header}${lines.join("\n")}\n` } });
  } catch (error) {
    const output = (error as Error).message;
    for (const match of output.matchAll(/consumer\.ts\((\d+),\d+\): error/g)) {
      const index = Number(match[1]) - firstLine;
      if (index < 0 || index >= probes.length) throw new Error(`unexpected type error:\n${output}`);
      refused.add(index);
    }
    if (refused.size === 0) throw error;
  }
  return refused;
}

/** The probes the helpers refuse at run time, with an `InvalidArgumentError` for the probed parameter. */
async function refusedAtRunTime(generated: Generated, probes: readonly Probe[]): Promise<Set<number>> {
  const server = await startScriptedServer(() => ({ status: 204 }));
  const refused = new Set<number>();
  try {
    const Client = clientFor(generated.facts.spec);
    const credentials = Object.fromEntries(generated.facts.credentials.map((c) => [c.option, "credential-for-tests"]));
    const client = new Client({ ...credentials, baseUrl: server.url, maxRetries: 0 });
    for (const [i, probe] of probes.entries()) {
      const helper = client[probe.resource]?.[probe.method];
      if (!helper) throw new Error(`no helper ${probe.helper}`);
      try {
        await helper(...probe.args, {});
      } catch (error) {
        if (error instanceof InvalidArgumentError && error.argument === probe.param) refused.add(i);
      }
    }
  } finally {
    await server.close();
  }
  return refused;
}

/** Every probe on which types and run time disagree, described; empty when they agree. */
export async function disagreements(generated: Generated, name: string): Promise<string[]> {
  const probes = allProbes(generated);
  const byTypes = await refusedByTypes(generated, probes, name);
  const atRunTime = await refusedAtRunTime(generated, probes);
  return probes.flatMap((probe, i) =>
    byTypes.has(i) === atRunTime.has(i)
      ? []
      : [
          `${probe.helper} ${probe.param} = ${JSON.stringify(probe.value)}: types ${byTypes.has(i) ? "refuse" : "accept"}, run time ${atRunTime.has(i) ? "refuses" : "accepts"}`,
        ],
  );
}
