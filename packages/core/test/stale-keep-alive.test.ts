/**
 * A kept-alive connection the server closes just as the next request goes out (its idle timeout
 * racing our write) fails that attempt with nothing answered. The retry's 404 then proves nothing
 * about the first attempt: the server most likely never read it. A raw loopback server reproduces
 * the race deterministically: it answers the first request of each connection and closes the
 * connection, unanswered, when a second request arrives on it.
 */

import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";
import { afterEach, beforeEach, expect, it } from "vitest";
import { NotFoundError } from "../src/index.js";
import { Things, TOKEN } from "./fixtures.js";

interface Received {
  readonly requestLine: string;
  readonly answered: boolean;
}

let url: string;
const received: Received[] = [];
let stop: () => Promise<void>;

/** The raw server: answers the first request of each connection, closes the connection on a second. */
async function startStaleSocketServer(): Promise<void> {
  received.length = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let served = 0;
    let buffered = "";
    socket.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("latin1");
      // DELETE requests from the client have no body: each ends at the blank line.
      for (let end = buffered.indexOf("\r\n\r\n"); end >= 0; end = buffered.indexOf("\r\n\r\n")) {
        const requestLine = buffered.slice(0, buffered.indexOf("\r\n"));
        buffered = buffered.slice(end + 4);
        served++;
        if (served > 1) {
          // The stale socket: closed with the request unread and unanswered.
          received.push({ requestLine, answered: false });
          socket.destroy();
          return;
        }
        received.push({ requestLine, answered: true });
        // `live` exists; anything else is answered with the documented (bodiless) 404.
        const found = requestLine.includes("/things/live");
        const body = found ? JSON.stringify({ message: "deleted" }) : "";
        socket.write(
          `HTTP/1.1 ${found ? "200 OK" : "404 Not Found"}\r\n${found ? "content-type: application/json\r\n" : ""}` +
            `content-length: ${Buffer.byteLength(body)}\r\nkeep-alive: timeout=60\r\n\r\n${body}`,
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** Lets the client put the first call's connection back in its pool, so the next call reuses it. */
const idle = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeEach(startStaleSocketServer);
afterEach(() => stop());

it("a typo'd id after a stale kept-alive connection is not found, not confirmed as gone", async () => {
  const client = new Things({ baseUrl: url, token: TOKEN, maxRetries: 1 });
  await expect(client.things.delete("live")).resolves.toMatchObject({ message: "deleted" });
  await idle();
  const error = await client.things.delete("typo").catch((caught: unknown) => caught);
  // The reproduction did what it says: the typo went out on the reused connection first, unanswered.
  expect(received.map((r) => [r.requestLine, r.answered])).toEqual([
    ["DELETE /things/live HTTP/1.1", true],
    ["DELETE /things/typo HTTP/1.1", false],
    ["DELETE /things/typo HTTP/1.1", true],
  ]);
  expect(error).toBeInstanceOf(NotFoundError);
  // Still honest that the first attempt's fate was not seen.
  expect(error).toMatchObject({ status: 404, outcomeUnknown: true });
});

it("with missingOk, it is gone but not confirmed by the retry", async () => {
  const client = new Things({ baseUrl: url, token: TOKEN, maxRetries: 1 });
  await client.things.delete("live");
  await idle();
  const result = await client.things.delete("typo", { missingOk: true });
  expect(received).toHaveLength(3);
  expect(result).toMatchObject({ alreadyGone: true, confirmedByRetry: false });
});
