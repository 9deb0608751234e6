// Secrets: with HF_ENDPOINT=http://user:password@host and a token, every hub error keeps both out of
// its message, its own fields, its stack and its cause chain, and nothing under the cache holds them.
// Credentials in the endpoint still reach the server, as Basic auth.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type MockHub, SHARED_REPO, startMockHub } from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  download,
  HubAccessError,
  HubFileNotFoundError,
  HubHttpError,
  HubIntegrityError,
  HubNetworkError,
  HubOfflineError,
  type HubOptions,
  HubRepoNotFoundError,
  HubRevisionNotFoundError,
  HubSettingError,
  HubUnsafePathError,
  openRepo,
} from "../src/index.js";
import { useHubTestEnv } from "./hub-test-env.js";

const shared = optionalSharedDir();
const PASSWORD = "pa55wordThatMustNotLeak";
const TOKEN = "hf_tokenThatMustNotLeak0123456789";
const SECRETS = [PASSWORD, TOKEN, "tokenThatMustNotLeak", "user:"];

/** Every string reachable from an error: message, stack, own fields, String() of each cause, recursively. */
function everythingIn(error: unknown, depth = 0): string {
  if (depth > 10 || error === undefined || error === null) return "";
  if (typeof error !== "object") return String(error);
  const parts = [String(error), JSON.stringify(error)];
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = (error as Record<string, unknown>)[key];
    parts.push(typeof value === "object" ? everythingIn(value, depth + 1) : String(value));
  }
  return parts.join("\n");
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe.skipIf(!shared)("no credential leaves the process", () => {
  const env = useHubTestEnv();
  let hub: MockHub;
  let endpoint = "";
  beforeEach(async () => {
    const folder = join(shared!, "hf", "keras_mobilenet_v1_0.25_224");
    hub = await startMockHub({
      sharedDir: shared!,
      repos: {
        "acme/gated": { folder, gated: true, token: "hf_someoneElsesToken0000000000" },
        "evil/dotdot": { folder, extraListing: [{ path: "../../x", type: "file" }] },
      },
    });
    endpoint = hub.url.replace("http://", `http://user:${PASSWORD}@`);
    process.env["HF_ENDPOINT"] = endpoint;
    process.env["HF_TOKEN"] = TOKEN;
  });
  afterEach(() => hub.close());
  const options: HubOptions = { attempts: 1, retryDelayMs: 1 };
  const short: HubOptions = { connectTimeoutMs: 150, readTimeoutMs: 150 };
  const open = (repoId: string, extra: HubOptions = {}) =>
    openRepo({
      repoId,
      files: ["config.json", "pytorch_model.bin"],
      options: { cacheDir: env.cacheDir, ...options, ...extra },
    });
  const fail = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("expected a failure");
      },
      (e: unknown) => e,
    );

  it("every hub error, endpoint with user:password and a token set", async () => {
    const errors: [string, unknown, abstract new (...args: never[]) => Error][] = [];
    const provoke = async (
      name: string,
      cls: abstract new (...args: never[]) => Error,
      run: () => Promise<unknown>,
    ) => errors.push([name, await fail(run()), cls]);

    await provoke("not found", HubRepoNotFoundError, () => open("acme/nope"));
    await provoke("revision", HubRevisionNotFoundError, () => open(SHARED_REPO, { revision: "v9" }));
    await provoke("unauthorized", HubAccessError, () => open("acme/gated"));
    await provoke("file", HubFileNotFoundError, () =>
      download({ repoId: SHARED_REPO, files: ["nope.h5"], cacheDir: env.cacheDir }),
    );
    await provoke("unsafe path", HubUnsafePathError, () =>
      download({ repoId: "evil/dotdot", cacheDir: env.cacheDir }),
    );
    hub.fault({ route: "revision", status: 418 });
    await provoke("http", HubHttpError, () => open(SHARED_REPO));
    hub.fault({ route: "revision", status: 500 });
    await provoke("5xx", HubNetworkError, () => open(SHARED_REPO));
    hub.fault({ route: "revision", silent: true });
    await provoke("timeout", HubNetworkError, () => open(SHARED_REPO, short));
    hub.fault({ file: "pytorch_model.bin", corrupt: true });
    await provoke("integrity", HubIntegrityError, async () =>
      (await open(SHARED_REPO)).read("pytorch_model.bin"),
    );
    expect(await (await open(SHARED_REPO)).read("config.json")).toBeDefined(); // a blob and its link too
    hub.fault({ file: "pytorch_model.bin", stallAfter: 10 });
    hub.fault({ file: "pytorch_model.bin", stallAfter: 0, times: 100 });
    await provoke("stall", HubNetworkError, async () =>
      (await open(SHARED_REPO, { ...short, cacheDir: join(env.cacheDir, "2") })).read("pytorch_model.bin"),
    );
    await provoke("offline", HubOfflineError, () => open("acme/gated", { localFilesOnly: true }));
    process.env["HF_ENDPOINT"] = `ftp://user:${PASSWORD}@mirror/?token=${TOKEN}`;
    await provoke("bad endpoint", HubSettingError, () => open(SHARED_REPO));
    await hub.close();
    process.env["HF_ENDPOINT"] = endpoint;
    await provoke("unreachable", HubNetworkError, () =>
      open(SHARED_REPO, { cacheDir: join(env.cacheDir, "3") }),
    );

    for (const [name, error, cls] of errors) {
      expect(error, `${name}: ${(error as Error).message}`).toBeInstanceOf(cls);
      const text = everythingIn(error);
      for (const secret of SECRETS) expect(text, `${name}: ${text}`).not.toContain(secret);
    }
    const files = await filesUnder(env.cacheDir);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const content = (await readFile(file)).toString("latin1");
      for (const secret of SECRETS) expect(`${file}\n${content}`, file).not.toContain(secret);
    }
  });

  it("credentials in the endpoint are sent as Basic auth, and a load with them works", async () => {
    delete process.env["HF_TOKEN"];
    const files = await open(SHARED_REPO);
    expect((await files.read("config.json"))!.byteLength).toBeGreaterThan(0);
    expect(hub.requests.length).toBeGreaterThan(1);
    expect(hub.requests.every((r) => r.authorization)).toBe(true);
  });
});
