import { BackendError } from "../errors/errors.js";
import type { Backend } from "./backend.js";

interface Entry {
  backend: Backend;
  priority: number;
  init?: Promise<void>;
}

const entries = new Map<string, Entry>();

/**
 * Registers a backend under `backend.name`. Backend packages call this when imported. A higher `priority`
 * is tried first when no backend is named. Registering the same instance again only changes its priority
 * (an initialization already done is kept); another backend under a name already taken is refused, as
 * onnxruntime's registry refuses it, rather than silently winning or losing.
 *
 * @throws BackendError (with `backendName`) when a different backend is registered under `backend.name`.
 * @example
 * registerBackend({ backend: nodeBackend, priority: 100 });
 * registerBackend({ backend: otherBackendNamedNode }); // throws BackendError: the name "node" is taken
 */
export function registerBackend(params: { backend: Backend; priority?: number }): void {
  const { backend } = params;
  const priority = params.priority ?? 0;
  const existing = entries.get(backend.name);
  if (existing && existing.backend !== backend) {
    throw new BackendError({
      message:
        `cannot register a backend as ${JSON.stringify(backend.name)}: another backend is registered under ` +
        "that name; expected a name not registered yet (or the same instance, to change its priority)",
      backendName: backend.name,
    });
  }
  if (existing) existing.priority = priority;
  else entries.set(backend.name, { backend, priority });
}

/** Names of registered backends, highest priority first. */
export function listBackends(): string[] {
  return [...entries.entries()].sort((a, b) => b[1].priority - a[1].priority).map(([name]) => name);
}

/** Removes every registration (for tests; onnxruntime's registry cannot do this). */
export function resetBackendRegistry(): void {
  entries.clear();
}

/** How a caller names a backend: by registry name, by instance, or a list of names to try in order. */
export type BackendHint = string | Backend | readonly (string | Backend)[];

/**
 * Returns an initialized backend. With no hint, tries registered backends by priority and falls back to
 * the next when one fails to initialize; if none works, throws one {@link BackendError} listing why each
 * failed. Initialization is lazy and cached.
 *
 * @example
 * const backend = await resolveBackend({ backend: "node" });
 * backend.name // "node"
 */
export async function resolveBackend(params: { backend?: BackendHint } = {}): Promise<Backend> {
  const hint = params.backend;
  const candidates: (string | Backend)[] =
    hint === undefined ? listBackends() : Array.isArray(hint) ? [...hint] : [hint as string | Backend];
  if (candidates.length === 0) {
    throw new BackendError({
      message:
        'no backend is registered: import a backend package first, e.g. `import "@mobilenetv1/backend-node"` ' +
        '(Node) or `import "@mobilenetv1/backend-web"` (browsers)',
    });
  }
  const failures: { backend: string; reason: string }[] = [];
  for (const candidate of candidates) {
    try {
      return await initialize(candidate);
    } catch (error) {
      failures.push({
        backend: typeof candidate === "string" ? candidate : candidate.name,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  throw new BackendError({
    message: `no backend could be initialized (tried ${failures.map((f) => f.backend).join(", ")}):`,
    failures,
  });
}

async function initialize(candidate: string | Backend): Promise<Backend> {
  let entry: Entry | undefined;
  if (typeof candidate === "string") {
    entry = entries.get(candidate);
    if (!entry) {
      throw new BackendError({
        message: `backend ${JSON.stringify(candidate)} is not registered; registered: [${listBackends().join(", ")}]`,
      });
    }
  } else {
    entry = entries.get(candidate.name);
    if (!entry || entry.backend !== candidate) {
      // An instance passed directly need not be registered; cache its init on a private entry.
      entry = privateEntries.get(candidate) ?? { backend: candidate, priority: 0 };
      privateEntries.set(candidate, entry);
    }
  }
  if (!entry.init) {
    const e = entry;
    e.init = e.backend.init().catch((error: unknown) => {
      e.init = undefined; // allow a later retry
      throw error;
    });
  }
  await entry.init;
  return entry.backend;
}

const privateEntries = new WeakMap<Backend, Entry>();
