import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withFileLock } from "./with-file-lock.js";

describe("withFileLock", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "mnv1-lock-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("runs holders one at a time and removes the lock file", async () => {
    const path = join(dir, "locks", "x.node.lock");
    const order: string[] = [];
    const hold = (name: string) =>
      withFileLock({
        path,
        fn: async () => {
          order.push(`${name}+`);
          await new Promise((resolve) => setTimeout(resolve, 30));
          order.push(`${name}-`);
        },
      });
    await Promise.all([hold("a"), hold("b"), hold("c")]);
    expect(order.join(" ")).toMatch(/^(\w)\+ \1- (\w)\+ \2- (\w)\+ \3-$/);
    const { stat } = await import("node:fs/promises");
    await expect(stat(path)).rejects.toThrow();
  });

  it("takes over a lock whose holder on another host stopped refreshing it", async () => {
    const path = join(dir, "y.node.lock");
    await writeFile(path, JSON.stringify({ pid: 1, hostname: "another-host", createdAt: 0 }));
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    expect(await withFileLock({ path, fn: async () => "ran" })).toBe("ran");
  });

  it("releases the lock when fn throws", async () => {
    const path = join(dir, "z.node.lock");
    await expect(withFileLock({ path, fn: async () => Promise.reject(new Error("boom")) })).rejects.toThrow(
      "boom",
    );
    expect(await withFileLock({ path, fn: async () => 1 })).toBe(1);
  });
});
