import { mkdir, open, readFile, rm, stat, utimes } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";

/** A lock whose holder stopped refreshing it for this long is taken over. */
export const STALE_LOCK_MS = 30_000;
/** How often a holder refreshes its lock's mtime. */
export const LOCK_HEARTBEAT_MS = 5_000;
const POLL_MS = 50;
const MAX_POLL_MS = 500;

/** What a lock file holds: who to ask whether it is still alive. */
export interface LockOwner {
  pid: number;
  hostname: string;
  createdAt: number;
}

/**
 * Runs `fn` while holding an exclusive lock file, so that processes sharing a cache download a blob
 * once. The file is created with `O_EXCL` and holds {@link LockOwner}; its holder touches it every
 * {@link LOCK_HEARTBEAT_MS}. A waiter takes the lock over when the holder is a dead process on this
 * host, or the file went {@link STALE_LOCK_MS} without a heartbeat (a crashed holder elsewhere).
 *
 * Node has no `flock`, so this cannot share huggingface_hub's `<etag>.lock` (a `filelock` lock):
 * concurrent Python and Node downloads of one blob are kept apart by separate partial files (ours is
 * `<etag>.node.incomplete`) + verify + atomic rename
 * protocol instead, never by this lock.
 *
 * @example
 * await withFileLock({ path: "/cache/.locks/models--a--b/<etag>.node.lock", fn: () => download() });
 */
export async function withFileLock<T>(params: {
  path: string;
  fn: () => Promise<T>;
  staleMs?: number;
}): Promise<T> {
  const staleMs = params.staleMs ?? STALE_LOCK_MS;
  await mkdir(dirname(params.path), { recursive: true });
  let wait = POLL_MS;
  for (;;) {
    const owner: LockOwner = { pid: process.pid, hostname: hostname(), createdAt: Date.now() };
    try {
      const handle = await open(params.path, "wx");
      await handle.writeFile(JSON.stringify(owner));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (await isStale({ path: params.path, staleMs })) {
      await rm(params.path, { force: true });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, MAX_POLL_MS);
  }
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(params.path, now, now).catch(() => undefined);
  }, LOCK_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await params.fn();
  } finally {
    clearInterval(heartbeat);
    await rm(params.path, { force: true });
  }
}

async function isStale(params: { path: string; staleMs: number }): Promise<boolean> {
  let owner: Partial<LockOwner> | undefined;
  let mtimeMs = Date.now();
  try {
    mtimeMs = (await stat(params.path)).mtimeMs;
    owner = JSON.parse(await readFile(params.path, "utf8")) as Partial<LockOwner>;
  } catch (error) {
    // Gone (released meanwhile): not stale, just retry. Unreadable or half-written: judge by age.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    owner = undefined;
  }
  if (owner?.hostname === hostname() && typeof owner.pid === "number" && !isAlive(owner.pid)) return true;
  return Date.now() - mtimeMs > params.staleMs;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
