// A model load that resolves its revision once and starts the weights before config.json is read:
// counted against the mock hub.
import { MODEL_FILES as CORE_FILES, openModelFiles, type SourceOptions } from "@mobilenetv1/core";
import { type MockHub, SHARED_REPO, startMockHub } from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prefetchRepo } from "../src/index.js";
import { useHubTestEnv } from "./hub-test-env.js";

const shared = optionalSharedDir();
const WEIGHTS = [CORE_FILES.safetensors, CORE_FILES.torchBin, CORE_FILES.int8Weights];
const ALL = [CORE_FILES.config, CORE_FILES.preprocessorConfig, ...WEIGHTS];
const firstFloat = (present: ReadonlySet<string>) =>
  [CORE_FILES.safetensors, CORE_FILES.torchBin].filter((f) => present.has(f)).slice(0, 1);

/** The opens a playground load makes: the Auto class's config, the processor's files, the model's files. */
async function loadLikeThePlayground(options: SourceOptions) {
  const open = (files: string[]) => openModelFiles({ pathOrId: SHARED_REPO, files, options });
  const [auto, processor] = await Promise.all([
    open([CORE_FILES.config]),
    open([CORE_FILES.preprocessorConfig, CORE_FILES.config]),
  ]);
  await Promise.all([auto.read(CORE_FILES.config), processor.read(CORE_FILES.preprocessorConfig)]);
  const model = await open([CORE_FILES.config, ...WEIGHTS]);
  return (await model.read(CORE_FILES.safetensors))?.byteLength;
}

const count = (hub: MockHub, route: string) => hub.requests.filter((r) => r.route === route).length;
const fileGets = (hub: MockHub) =>
  hub.requests.filter((r) => (r.route === "resolve" || r.route === "content") && r.method === "GET");

describe.skipIf(!shared)("prefetchRepo", () => {
  const env = useHubTestEnv();
  let hub: MockHub;
  beforeEach(async () => {
    hub = await startMockHub({ sharedDir: shared! });
  });
  afterEach(() => hub.close());

  it("without it, each of a load's three opens resolves the revision", async () => {
    const size = await loadLikeThePlayground({ hubUrl: hub.url, cacheDir: env.cacheDir });
    expect(size).toBeGreaterThan(1e6);
    expect(count(hub, "revision")).toBe(3);
    expect(count(hub, "paths-info")).toBe(3);
  });

  it("resolves once, looks up every file in one request and requests the weights before config.json", async () => {
    const options = { hubUrl: hub.url, cacheDir: env.cacheDir };
    const pre = await prefetchRepo({ repoId: SHARED_REPO, files: ALL, download: firstFloat, options });
    expect(pre.commit).toBe(hub.commit(SHARED_REPO));
    expect(pre.started).toEqual([CORE_FILES.safetensors]);
    const size = await loadLikeThePlayground({ ...options, revision: pre.commit });
    await pre.downloads;
    expect(size).toBeGreaterThan(1e6);
    expect(count(hub, "revision")).toBe(1);
    // The prefetch's lookup only: a commit's files are remembered (commit-files-memo.ts).
    expect(count(hub, "paths-info")).toBe(1);
    expect(hub.downloads(CORE_FILES.safetensors)).toBe(1);
    expect(hub.downloads(CORE_FILES.torchBin)).toBe(0);
    const order = fileGets(hub).map((r) => r.file);
    expect(order.indexOf(CORE_FILES.safetensors)).toBeLessThan(order.indexOf(CORE_FILES.config));
  });

  it("once the prefetched files are cached, a load pinned to the commit asks the hub nothing", async () => {
    const options = { hubUrl: hub.url, cacheDir: env.cacheDir };
    const pre = await prefetchRepo({ repoId: SHARED_REPO, files: ALL, download: () => ALL, options });
    await pre.downloads;
    const before = hub.requests.length;
    expect(await loadLikeThePlayground({ ...options, revision: pre.commit })).toBeGreaterThan(1e6);
    expect(hub.requests.slice(before)).toEqual([]);
  });

  it("starts only files it looked up and the revision has", async () => {
    const pre = await prefetchRepo({
      repoId: SHARED_REPO,
      files: [CORE_FILES.config, CORE_FILES.int8Weights],
      download: () => [CORE_FILES.int8Weights, CORE_FILES.safetensors, "../secret", CORE_FILES.config],
      options: { hubUrl: hub.url, cacheDir: env.cacheDir },
    });
    await pre.downloads;
    expect(pre.started).toEqual([CORE_FILES.config]);
    expect(fileGets(hub).map((r) => r.file)).toEqual([CORE_FILES.config]);
  });

  it("with the hub unreachable, opens the cached snapshot and downloads nothing", async () => {
    const options = { hubUrl: hub.url, cacheDir: env.cacheDir };
    await (await prefetchRepo({ repoId: SHARED_REPO, files: ALL, download: () => ALL, options })).downloads;
    await hub.close();
    const pre = await prefetchRepo({ repoId: SHARED_REPO, files: ALL, download: firstFloat, options });
    expect(pre.commit).toBe(hub.commit(SHARED_REPO));
    await expect(pre.downloads).resolves.toBeUndefined();
    expect(await loadLikeThePlayground({ ...options, revision: pre.commit })).toBeGreaterThan(1e6);
    hub = await startMockHub({ sharedDir: shared! });
  });
});
