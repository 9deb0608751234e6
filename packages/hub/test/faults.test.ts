// Faults injected by the mock hub: dropped connections, 5xx, wrong bytes, 401/403, 404s, no network.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MobileNetError } from "@mobilenetv1/core";
import { type MockHub, SHARED_REPO, startMockHub } from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  HubAccessError,
  HubFileNotFoundError,
  HubIntegrityError,
  HubNetworkError,
  HubRepoNotFoundError,
  HubRevisionNotFoundError,
  OFFLINE_HINT,
  openRepo,
} from "../src/index.js";
import { useHubTestEnv } from "./hub-test-env.js";

const shared = optionalSharedDir();
const BIN_SHA256 = "51923c2d9c9204b04b89443917caf16f976483c30c24976141f851b65974a65b";
const TOKEN = "hf_mockSecretToken0123456789";
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe.skipIf(!shared)("faults", () => {
  const env = useHubTestEnv();
  let hub: MockHub;
  beforeEach(async () => {
    const folder = join(shared!, "hf", "keras_mobilenet_v1_0.25_224");
    hub = await startMockHub({
      sharedDir: shared!,
      repos: {
        "acme/gated": { folder, gated: true, token: TOKEN },
        "acme/private": { folder, token: TOKEN },
      },
    });
  });
  afterEach(() => hub.close());
  const open = (params: { repoId?: string; files?: string[]; options?: Record<string, unknown> } = {}) =>
    openRepo({
      repoId: params.repoId ?? SHARED_REPO,
      files: params.files ?? ["config.json", "pytorch_model.bin"],
      options: { hubUrl: hub.url, cacheDir: env.cacheDir, retryDelayMs: 10, ...params.options },
    });
  const blobsOf = async (repoFolder: string) =>
    readdir(join(env.cacheDir, repoFolder, "blobs")).catch(() => []);

  it("resumes with Range after the connection drops mid-file", async () => {
    hub.fault({ file: "pytorch_model.bin", dropAfter: 4_000_000 });
    const bytes = (await (await open()).read("pytorch_model.bin"))!;
    expect(sha256(bytes)).toBe(BIN_SHA256);
    const gets = hub.requests.filter(
      (r) => r.route === "content" && r.file === "pytorch_model.bin" && r.range !== "bytes=0-0",
    );
    // The second request starts where the bytes that arrived end (a reset socket may lose a few of the
    // 4 MB the server wrote).
    expect(gets).toHaveLength(2);
    expect(gets[0]!.range).toBeUndefined();
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(gets[1]!.range ?? "")?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(4_000_000);
  });

  it("resumes the .node.incomplete an earlier run left, and leaves huggingface_hub's partial files alone", async () => {
    const full = new Uint8Array(
      await readFile(join(shared!, "hf", "keras_mobilenet_v1_0.75_224", "pytorch_model.bin")),
    );
    const blobs = join(env.cacheDir, "models--shared--keras_mobilenet_v1_0.75_224", "blobs");
    await mkdir(blobs, { recursive: true });
    await writeFile(join(blobs, `${BIN_SHA256}.node.incomplete`), full.subarray(0, 1234));
    // Python's: <etag>.incomplete (<= 1.17, appended to under a lock we cannot take) and
    // <etag>.<nonce>.incomplete (>= 1.18, never resumed). Neither is read, written or deleted.
    const python = [`${BIN_SHA256}.incomplete`, `${BIN_SHA256}.0f3a9c1e.incomplete`];
    for (const name of python) await writeFile(join(blobs, name), "not the file");
    expect(sha256((await (await open()).read("pytorch_model.bin"))!)).toBe(BIN_SHA256);
    const gets = hub.requests.filter(
      (r) => r.route === "content" && r.file === "pytorch_model.bin" && r.range !== "bytes=0-0",
    );
    expect(gets.map((r) => r.range)).toEqual(["bytes=1234-"]);
    for (const name of python) expect(await readFile(join(blobs, name), "utf8")).toBe("not the file");
    expect(await readdir(blobs)).not.toContain(`${BIN_SHA256}.node.incomplete`);
  });

  it("retries a 500 and succeeds; gives up with HubNetworkError when it persists", async () => {
    hub.fault({ route: "revision", status: 500 });
    hub.fault({ file: "pytorch_model.bin", status: 503 });
    expect(sha256((await (await open()).read("pytorch_model.bin"))!)).toBe(BIN_SHA256);
    expect(hub.requests.filter((r) => r.status >= 500)).toHaveLength(2);

    hub.fault({ route: "revision", status: 500, times: 100 });
    const error = await open({ options: { cacheDir: join(env.cacheDir, "other") } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubNetworkError);
    expect(error).toMatchObject({ attempts: 3, statusCode: 500 });
  });

  it("refuses wrong content with HubIntegrityError and leaves nothing in snapshots/ or blobs/", async () => {
    hub.fault({ file: "pytorch_model.bin", corrupt: true });
    const files = await open();
    const error = await files.read("pytorch_model.bin").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubIntegrityError);
    expect(error).toMatchObject({ check: "sha256", expected: BIN_SHA256, file: "pytorch_model.bin" });
    expect(await readdir(files.snapshot).catch(() => [])).not.toContain("pytorch_model.bin");
    expect(await blobsOf("models--shared--keras_mobilenet_v1_0.75_224")).not.toContain(BIN_SHA256);
    expect(
      (await blobsOf("models--shared--keras_mobilenet_v1_0.75_224")).some((b) => b.endsWith(".incomplete")),
    ).toBe(false);

    hub.fault({ file: "config.json", corrupt: true }); // a git file: checked against its git blob sha1
    await expect(files.read("config.json")).rejects.toMatchObject({ check: "git-sha1" });
    expect(sha256((await files.read("pytorch_model.bin"))!)).toBe(BIN_SHA256); // the next try is clean
  });

  it("401/403 on gated and private repos: HubAccessError / HubRepoNotFoundError, never showing the token", async () => {
    const anonymous = await open({ repoId: "acme/gated" }).catch((e: unknown) => e);
    expect(anonymous).toBeInstanceOf(HubAccessError);
    expect(anonymous).toMatchObject({ statusCode: 401, gated: true, withToken: false });
    const wrong = "hf_wrongTokenThatMustNotLeak42";
    const refused = await open({ repoId: "acme/gated", options: { accessToken: wrong } }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ statusCode: 403, gated: true, withToken: true });
    const priv = await open({ repoId: "acme/private" }).catch((e: unknown) => e);
    expect(priv).toBeInstanceOf(HubRepoNotFoundError);
    expect(priv).toMatchObject({ statusCode: 401 });
    for (const e of [anonymous, refused, priv] as Error[]) {
      expect(`${e.message} ${e.stack} ${JSON.stringify(e)}`).not.toContain(wrong);
    }

    process.env["HF_TOKEN"] = TOKEN;
    const before = hub.requests.length;
    const files = await open({ repoId: "acme/gated" });
    expect((await files.read("config.json"))!.byteLength).toBeGreaterThan(0);
    expect(hub.requests.slice(before).every((r) => r.authorization)).toBe(true);
  });

  it("404s: unknown repo, revision and file are told apart", async () => {
    await expect(open({ repoId: "acme/nope" })).rejects.toBeInstanceOf(HubRepoNotFoundError);
    const rev = await open({ options: { revision: "v9" } }).catch((e: unknown) => e);
    expect(rev).toBeInstanceOf(HubRevisionNotFoundError);
    expect(rev).toMatchObject({ revision: "v9", repoId: SHARED_REPO });
    const files = await open({ files: ["config.json", "tf_model.h5"] });
    expect(await files.exists("tf_model.h5")).toBe(false);
    expect(await files.read("tf_model.h5")).toBeUndefined();
    // download() of an explicit file that is not there is an error.
    const { download } = await import("../src/index.js");
    const missing = await download({
      repoId: SHARED_REPO,
      files: ["tf_model.h5"],
      hubUrl: hub.url,
      cacheDir: env.cacheDir,
    }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HubFileNotFoundError);
    expect(missing).toBeInstanceOf(MobileNetError);
  });

  it("says plainly that the hub could not be reached, and how to use a local folder or a mirror", async () => {
    await hub.close();
    const error = await open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubNetworkError);
    const message = (error as Error).message;
    expect(message).toContain(`could not reach the Hugging Face Hub at ${hub.url}`);
    expect(message).toContain("not in the cache");
    expect(message).toContain(OFFLINE_HINT);
    expect(message).toMatch(/local folder holding config\.json/);
    expect(message).toContain("HF_ENDPOINT=");
    expect(error).toMatchObject({ attempts: 3, statusCode: undefined, cacheDir: env.cacheDir });
  });
});
