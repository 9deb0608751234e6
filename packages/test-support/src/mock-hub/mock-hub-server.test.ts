// The mock hub answers like huggingface.co where our code and huggingface_hub look: the HEAD of
// get_hf_file_metadata, the redirect of LFS files, Range, and X-Error-Code.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type MockHub, startMockHub } from "./mock-hub-server.js";

const CONFIG = new TextEncoder().encode('{"model_type":"mobilenet_v1"}');
const WEIGHTS = new Uint8Array(1000).map((_, i) => i % 251);

describe("mock hub server", () => {
  let hub: MockHub;
  beforeEach(async () => {
    hub = await startMockHub({
      repos: {
        "org/model": {
          files: { "config.json": CONFIG, "pytorch_model.bin": WEIGHTS },
          revisions: { "refs/pr/1": { add: { "model.safetensors": WEIGHTS } } },
        },
      },
    });
  });
  afterEach(() => hub.close());

  it("HEAD resolve: git files answer with ETag and X-Repo-Commit, LFS files redirect with X-Linked-*", async () => {
    const config = await fetch(`${hub.url}/org/model/resolve/main/config.json`, {
      method: "HEAD",
      redirect: "manual",
    });
    expect(config.status).toBe(200);
    expect(config.headers.get("X-Repo-Commit")).toBe(hub.commit("org/model"));
    expect(config.headers.get("ETag")).toMatch(/^"[0-9a-f]{40}"$/);
    expect(config.headers.get("Content-Length")).toBe(String(CONFIG.byteLength));

    const bin = await fetch(`${hub.url}/org/model/resolve/main/pytorch_model.bin`, {
      method: "HEAD",
      redirect: "manual",
    });
    expect(bin.status).toBe(302);
    expect(bin.headers.get("X-Linked-Etag")).toMatch(/^"[0-9a-f]{64}"$/);
    expect(bin.headers.get("X-Linked-Size")).toBe("1000");
    expect(bin.headers.get("Location")).toMatch(/^\/cdn\/org\/model\/[0-9a-f]{64}\?/);
    const ranged = await fetch(`${hub.url}${bin.headers.get("Location")}`, {
      headers: { Range: "bytes=10-19" },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("Content-Range")).toBe("bytes 10-19/1000");
    expect(new Uint8Array(await ranged.arrayBuffer())).toEqual(WEIGHTS.subarray(10, 20));
  });

  it("serves refs/pr/N (URL-encoded as huggingface_hub sends it) and tells missing repo, revision and file apart", async () => {
    const pr = await fetch(`${hub.url}/api/models/org/model/revision/${encodeURIComponent("refs/pr/1")}`);
    const info = (await pr.json()) as { sha: string; siblings: { rfilename: string }[] };
    expect(info.sha).toBe(hub.commit("org/model", "refs/pr/1"));
    expect(info.siblings.map((s) => s.rfilename).sort()).toEqual([
      "config.json",
      "model.safetensors",
      "pytorch_model.bin",
    ]);
    const code = async (path: string) => (await fetch(`${hub.url}${path}`)).headers.get("X-Error-Code");
    expect(await code("/api/models/org/nope/revision/main")).toBe("RepoNotFound");
    expect(await code("/api/models/org/model/revision/v9")).toBe("RevisionNotFound");
    expect(await code("/org/model/resolve/main/missing.json")).toBe("EntryNotFound");
  });
});
