/**
 * A throwaway npm registry (Verdaccio) inside this process, on 127.0.0.1, storing into a temporary
 * folder. Running it in-process means it cannot outlive the step that started it: `close()` stops
 * it on the normal path, and any crash takes it down with the process.
 */

import { mkdir, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { runServer } from "verdaccio";

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** A token allowed to publish, for `//127.0.0.1:<port>/:_authToken=`. */
  readonly token: string;
  /** An npm user config holding that token, for `npm_config_userconfig`. */
  readonly npmrc: string;
  /** Published versions of a package, oldest first; empty when it was never published. */
  versions(name: string): Promise<string[]>;
  /** The registry's manifest of one published version. */
  manifest(name: string, version: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  const config = {
    storage: join(dir, "storage"),
    auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 1 } },
    // No uplinks: consumers take @sdkforge/* from here and everything else from their usual registry.
    uplinks: {},
    packages: {
      "@sdkforge/*": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" },
      "**": { access: "$all", publish: "$authenticated" },
    },
    web: { enable: false },
    log: { type: "stdout", format: "pretty", level: "error" },
  };
  // JSON is valid YAML, and a config file gives Verdaccio the `self_path` it resolves paths against.
  await mkdir(dir, { recursive: true });
  const configPath = join(dir, "config.yaml");
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const server: Server = await runServer(configPath);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  try {
    const user = "release-check";
    const response = await fetch(`${url}-/user/org.couchdb.user:${user}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: user, password: "throwaway-registry-password" }),
    });
    const { token } = (await response.json()) as { token?: string };
    if (!response.ok || !token) throw new Error(`the local registry refused to create a user (${response.status})`);

    const packument = async (name: string): Promise<{ versions?: Record<string, Record<string, unknown>> }> => {
      const reply = await fetch(`${url}${name.replace("/", "%2f")}`);
      if (reply.status === 404) return {};
      if (!reply.ok) throw new Error(`GET ${name} from the local registry: ${reply.status}`);
      return (await reply.json()) as { versions?: Record<string, Record<string, unknown>> };
    };

    const npmrc = join(dir, "npmrc");
    await writeFile(npmrc, `//127.0.0.1:${new URL(url).port}/:_authToken=${token}\n`);
    return {
      url,
      token,
      npmrc,
      async versions(name) {
        return Object.keys((await packument(name)).versions ?? {});
      },
      async manifest(name, version) {
        const found = (await packument(name)).versions?.[version];
        if (!found) throw new Error(`${name}@${version} is not in the local registry`);
        return found;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
