/**
 * The spec server with the one state rule every vendor's helpers need, for vendors that write none
 * of their own: ids exist until deleted. Each operation behind a delete helper removes its id and
 * answers the documented success, or the documented 404 for an id that does not exist (any more).
 * Every other operation answers its documented success; a wrong credential gets the documented 401.
 */
import type { ApiSpec, OperationSpec } from "../spec.js";
import { documentedBody, documentedError, successStatus } from "./documented-body.js";
import { type Handler, specMessage, startSpecServer } from "./spec-server.js";
import type { TestServer } from "./test-vendor.js";

export interface StatefulServerOptions {
  readonly spec: ApiSpec;
  /** The credential the server accepts, without the scheme's prefix; unset, the server accepts any. */
  readonly credential?: string;
  /** Ids that exist at start, shared by every delete operation. */
  readonly ids?: Iterable<unknown>;
  readonly cors?: string;
  readonly port?: number;
}

/** A path value as the helper's id: a number for numeric parameters, the decoded text otherwise. */
function idOf(operation: OperationSpec, raw: string | undefined): unknown {
  const name = operation.pathParams.at(-1);
  const param = operation.params.find((candidate) => candidate.in === "path" && candidate.name === name);
  if (raw === undefined || !param) return raw;
  return param.type === "integer" || param.type === "number" ? Number(raw) : raw;
}

export async function startStatefulSpecServer(options: StatefulServerOptions): Promise<TestServer> {
  const { spec } = options;
  const liveIds = new Set<unknown>(options.ids ?? []);
  const handlers: Record<string, Handler> = {};
  const helperOperations = Object.values(spec.resources).flatMap((methods) =>
    Object.values(methods).flatMap((operationId) => spec.operations[operationId] ?? []),
  );
  for (const operation of helperOperations) {
    // Ids are the last path parameter (`/disks/{id}/users/{userId}` removes `userId`).
    const name = operation.pathParams.at(-1);
    handlers[operation.operationId] = ({ pathParams }) => {
      if (!liveIds.delete(idOf(operation, name === undefined ? undefined : pathParams[name]))) {
        return documentedError(operation, 404, specMessage(operation, 404));
      }
      const status = successStatus(operation);
      return { status, body: documentedBody(operation, status) };
    };
  }
  const server = await startSpecServer({
    spec,
    handlers,
    ...(options.credential === undefined ? {} : { credential: options.credential }),
    ...(options.cors === undefined ? {} : { cors: options.cors }),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return { server, liveIds };
}
