// download({ repoId }): the CLI's snapshot download, and the refusal of hostile repo listings.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { openModelFiles } from "@mobilenetv1/core";
import { type MockHub, SHARED_REPO, startMockHub } from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { download, HubOfflineError, HubRevisionError, HubUnsafePathError } from "../src/index.js";
import { useHubTestEnv } from "./hub-test-env.js";

const shared = optionalSharedDir();

describe.skipIf(!shared)("download", () => {
  const env = useHubTestEnv();
  let hub: MockHub;
  beforeEach(async () => {
    const folder = join(shared!, "hf", "keras_mobilenet_v1_0.25_224");
    hub = await startMockHub({
      sharedDir: shared!,
      repos: {
        "evil/dotdot": { folder, extraListing: [{ path: "../../x", type: "file" }] },
        "evil/absolute": { folder, extraListing: [{ path: "/tmp/mnv1-evil", type: "file" }] },
        "evil/windows": { folder, extraListing: [{ path: "weights\\..\\..\\x", type: "file" }] },
        "evil/dir": { folder, extraListing: [{ path: "sub/../../..", type: "directory" }] },
      },
    });
  });
  afterEach(() => hub.close());

  it("downloads every file of the revision and returns the snapshot folder, usable as a local folder", async () => {
    const folder = await download({ repoId: SHARED_REPO, hubUrl: hub.url, cacheDir: env.cacheDir });
    expect(folder).toBe(
      join(env.cacheDir, "models--shared--keras_mobilenet_v1_0.75_224", "snapshots", hub.commit(SHARED_REPO)),
    );
    const expected = (await readdir(join(shared!, "hf", "keras_mobilenet_v1_0.75_224"))).sort();
    expect((await readdir(folder)).sort()).toEqual(expected);
    expect(await readFile(join(folder, "SHA256SUMS"), "utf8")).toBe(
      await readFile(join(shared!, "hf", "keras_mobilenet_v1_0.75_224", "SHA256SUMS"), "utf8"),
    );
    // The folder is a plain local folder for core (no hub involved).
    const files = await openModelFiles({ pathOrId: folder, files: ["config.json"] });
    expect(files.location).toBe(folder);

    // Offline, the same folder comes back from refs/main.
    await hub.close();
    expect(await download({ repoId: SHARED_REPO, cacheDir: env.cacheDir, localFilesOnly: true })).toBe(
      folder,
    );
    await expect(
      download({
        repoId: "shared/keras_mobilenet_v1_0.25_224",
        cacheDir: env.cacheDir,
        localFilesOnly: true,
      }),
    ).rejects.toThrow(HubOfflineError);
  });

  it("refuses a listing with ../, absolute, Windows or directory escapes, before downloading anything", async () => {
    for (const repoId of ["evil/dotdot", "evil/absolute", "evil/windows", "evil/dir"]) {
      const error = await download({ repoId, hubUrl: hub.url, cacheDir: env.cacheDir }).catch(
        (e: unknown) => e,
      );
      expect(error, repoId).toBeInstanceOf(HubUnsafePathError);
      expect((error as HubUnsafePathError).repoId).toBe(repoId);
    }
    expect(hub.requests.filter((r) => r.route === "content" || r.route === "resolve")).toEqual([]);
    await expect(stat("/tmp/mnv1-evil")).rejects.toThrow();
    await expect(stat(join(env.cacheDir, "..", "x"))).rejects.toThrow();
  });

  it("refuses unsafe file names asked of a repo, and revisions that would leave refs/", async () => {
    const { openRepo } = await import("../src/index.js");
    const options = { hubUrl: hub.url, cacheDir: env.cacheDir };
    await expect(openRepo({ repoId: SHARED_REPO, files: ["../../etc/passwd"], options })).rejects.toThrow(
      HubUnsafePathError,
    );
    await expect(openRepo({ repoId: SHARED_REPO, files: ["C:\\x"], options })).rejects.toThrow(
      HubUnsafePathError,
    );
    await expect(
      download({ repoId: SHARED_REPO, revision: "../../../x", ...options, localFilesOnly: true }),
    ).rejects.toThrow(HubRevisionError);
  });
});
