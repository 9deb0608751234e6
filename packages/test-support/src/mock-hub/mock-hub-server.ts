/**
 * A Hugging Face Hub stand-in on 127.0.0.1 for tests (this package's, other packages', the browser
 * playground's). It speaks the routes and headers @huggingface/hub and huggingface_hub use:
 * - `GET /api/models/{id}/revision/{rev}` → `{ id, sha, siblings, ... }`
 * - `POST /api/models/{id}/paths-info/{rev}` and `GET /api/models/{id}/tree/{rev}` → `{ path, type, oid, size, lfs? }[]`
 * - `GET|HEAD /{id}/resolve/{rev}/{file}`: files in git answer directly with `ETag` (git sha1); LFS
 *   files answer `302` to `/cdn/...` with `X-Linked-Etag` (sha256) and `X-Linked-Size`; both carry
 *   `X-Repo-Commit`. `Range` is honored (206 + `Content-Range`).
 * - errors with `X-Error-Code`: RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo.
 * Faults (status codes, dropped connections, corrupted bytes) are injected with {@link MockHub.fault}.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  buildMockRepo,
  type MockFile,
  type MockRepo,
  type MockRepoSpec,
  type MockRevisionSpec,
  resolveMockRevision,
  setMockRevision,
  sharedMockRepos,
} from "./mock-hub-repos.js";
import { type MockFault, type MockRoute, matchFault, sendFile } from "./mock-hub-send.js";

export type { MockFileSource, MockRepoSpec, MockRevisionSpec } from "./mock-hub-repos.js";
export type { MockFault, MockRoute } from "./mock-hub-send.js";

/** One request the mock answered. */
export interface MockRequest {
  method: string;
  route: MockRoute | "other";
  repoId?: string;
  file?: string;
  range?: string;
  status: number;
  authorization: boolean;
}

export interface MockHub {
  /** `http://127.0.0.1:<port>`: pass as `hubUrl`. */
  readonly url: string;
  readonly requests: MockRequest[];
  /** Injects a fault; it applies to the next `times` matching requests. */
  fault(fault: MockFault): void;
  /** Drops every fault not yet used up. */
  clearFaults(): void;
  /** The commit a revision of a repo points to now. */
  commit(repoId: string, revision?: string): string;
  /** Moves (or creates) a revision: main's files with `spec` applied. Old commits stay reachable. */
  setRevision(repoId: string, revision: string, spec: MockRevisionSpec): string;
  /** Full downloads of `file` (GETs of its bytes, the `bytes=0-0` probes excluded). */
  downloads(file: string, repoId?: string): number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts a mock hub. Every folder of `<sharedDir>/hf` is served as `shared/<folder>`; `repos` adds
 * (or overrides) repos, e.g. `google/mobilenet_v1_1.0_224` with only pytorch_model.bin on main and
 * model.safetensors under `refs/pr/1`.
 *
 * @example
 * const hub = await startMockHub({ sharedDir, repos: { "google/mobilenet_v1_1.0_224": { folder, include: ["config.json"] } } });
 * await openRepo({ repoId: "shared/keras_mobilenet_v1_0.75_224", files: ["config.json"], options: { hubUrl: hub.url } });
 * await hub.close();
 */
export async function startMockHub(
  params: { sharedDir?: string; repos?: Record<string, MockRepoSpec> } = {},
): Promise<MockHub> {
  const specs = { ...(params.sharedDir ? sharedMockRepos(params.sharedDir) : {}), ...params.repos };
  const repos = new Map<string, MockRepo>(
    Object.entries(specs).map(([id, spec]) => [id, buildMockRepo({ id, spec })]),
  );
  const requests: MockRequest[] = [];
  const faults: MockFault[] = [];

  const server = createServer((req, res) => {
    handle({ req, res, repos, faults, requests }).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const repoOf = (id: string) => {
    const repo = repos.get(id);
    if (!repo) throw new Error(`mock hub has no repo ${id}`);
    return repo;
  };
  return {
    url,
    requests,
    fault: (fault) => faults.push({ times: 1, ...fault }),
    clearFaults: () => faults.splice(0),
    commit: (repoId, revision = "main") => resolveMockRevision(repoOf(repoId), revision) ?? "",
    setRevision: (repoId, revision, spec) => setMockRevision({ repo: repoOf(repoId), revision, spec }),
    downloads: (file, repoId) =>
      requests.filter(
        (r) =>
          r.route === "content" &&
          r.method === "GET" &&
          r.file === file &&
          r.range !== "bytes=0-0" &&
          (!repoId || r.repoId === repoId),
      ).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  repos: Map<string, MockRepo>;
  faults: MockFault[];
  requests: MockRequest[];
}

async function handle(ctx: Context): Promise<void> {
  const { req, res } = ctx;
  const url = new URL(req.url ?? "/", "http://mock");
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const log: MockRequest = {
    method: req.method ?? "GET",
    route: "other",
    status: 0,
    authorization: !!req.headers.authorization,
  };
  if (req.headers.range) log.range = req.headers.range;
  ctx.requests.push(log);
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader(
    "Access-Control-Expose-Headers",
    "ETag, X-Repo-Commit, X-Linked-Etag, X-Linked-Size, X-Error-Code, Content-Range, Content-Length",
  );
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    log.status = status;
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  if (req.method === "OPTIONS") {
    log.status = 204;
    res.writeHead(204, {
      "Access-Control-Allow-Headers": "Authorization, Range, Content-Type, Accept",
      "Access-Control-Allow-Methods": "GET, HEAD, POST",
    });
    res.end();
    return;
  }

  // Route: api/models/{id}/{action}/{rev}[/path], {id}/resolve/{rev}/{file}, cdn/{id}/{sha256}
  let route: MockRoute | undefined;
  let at = -1;
  if (parts[0] === "api" && parts[1] === "models") {
    at = parts.findIndex((p, i) => i >= 3 && (p === "revision" || p === "paths-info" || p === "tree"));
    route = at > 0 ? (parts[at] as MockRoute) : undefined;
  } else if (parts[0] === "cdn") {
    route = "content";
  } else {
    at = parts.indexOf("resolve");
    route = at > 0 ? "resolve" : undefined;
  }
  if (!route) return reply(404, { error: "Not found" });
  log.route = route;

  const repoId =
    route === "content"
      ? parts.slice(1, -1).join("/")
      : parts.slice(parts[0] === "api" ? 2 : 0, at).join("/");
  log.repoId = repoId;
  const repo = ctx.repos.get(repoId);
  const auth = req.headers.authorization;
  const spec = repo?.spec;
  // As the hub: an unknown (or private, without its token) repo is 401 to anonymous callers, 404 otherwise.
  if (!repo || (spec?.token && !spec.gated && auth !== `Bearer ${spec.token}`)) {
    return reply(auth ? 404 : 401, { error: "Repository not found" }, { "X-Error-Code": "RepoNotFound" });
  }
  if (spec?.gated && route !== "content" && auth !== `Bearer ${spec.token}`) {
    return reply(
      auth ? 403 : 401,
      { error: `Access to model ${repoId} is restricted.` },
      { "X-Error-Code": "GatedRepo" },
    );
  }

  if (route === "content") {
    const file = [...repo.commits.values()]
      .flatMap((f) => [...f.values()])
      .find((f) => f.sha256 === parts.at(-1));
    if (!file) return reply(404, { error: "Not found" });
    return serveBytes(ctx, log, file, { ETag: `"${file.sha256}"` });
  }

  const revision = parts[at + 1] ?? "";
  const commit = resolveMockRevision(repo, revision);
  const path = route === "resolve" ? parts.slice(at + 2).join("/") : undefined;
  const faulted = matchFault(ctx.faults, { route, file: path, range: log.range });
  if (faulted?.silent) return;
  if (faulted?.status) return reply(faulted.status, { error: "Injected fault" });
  if (!commit) {
    return reply(
      404,
      { error: `Invalid rev id: ${revision}` },
      { "X-Error-Code": "RevisionNotFound", "X-Error-Message": "Invalid rev id" },
    );
  }
  const files = repo.commits.get(commit)!;

  if (route === "revision") {
    const siblings = [...files.keys()].map((rfilename) => ({ rfilename }));
    return reply(200, {
      _id: `mock-${repoId}`,
      id: repoId,
      modelId: repoId,
      private: !!repo.spec.token,
      gated: repo.spec.gated ? "auto" : false,
      sha: commit,
      siblings,
      lastModified: "2024-01-01T00:00:00.000Z",
      likes: 0,
      downloads: 0,
    });
  }
  if (route === "paths-info" || route === "tree") {
    const wanted =
      route === "paths-info"
        ? new Set<string>((JSON.parse(await readBody(req)) as { paths: string[] }).paths)
        : undefined;
    const entries: unknown[] = [...files.values()].filter((f) => !wanted || wanted.has(f.path)).map(entryOf);
    if (route === "tree")
      entries.push(...(repo.spec.extraListing ?? []).map((e) => ({ size: 0, oid: "0".repeat(40), ...e })));
    return reply(200, entries);
  }
  // resolve
  log.file = path;
  const file = files.get(path ?? "");
  if (!file) {
    return reply(
      404,
      { error: "Entry not found" },
      { "X-Error-Code": "EntryNotFound", "X-Repo-Commit": commit },
    );
  }
  if (file.lfs) {
    log.status = 302;
    res.writeHead(302, {
      Location: `/cdn/${repoId}/${file.sha256}?X-Amz-Signature=mock-signature`,
      "X-Repo-Commit": commit,
      "X-Linked-Etag": `"${file.sha256}"`,
      "X-Linked-Size": String(file.size),
      ETag: `"${file.gitOid}"`,
      "Content-Length": "0",
    });
    res.end();
    return;
  }
  return serveBytes(ctx, log, file, { ETag: `"${file.gitOid}"`, "X-Repo-Commit": commit });
}

function serveBytes(ctx: Context, log: MockRequest, file: MockFile, headers: Record<string, string>) {
  log.file = file.path;
  log.route = "content";
  const fault =
    ctx.req.method === "GET"
      ? matchFault(ctx.faults, { route: "content", file: file.path, range: log.range })
      : undefined;
  sendFile({
    req: ctx.req,
    res: ctx.res,
    bytes: file.bytes(),
    headers,
    fault,
    onStatus: (status) => (log.status = status),
  });
}

function entryOf(file: MockFile) {
  return {
    type: "file",
    path: file.path,
    size: file.size,
    oid: file.gitOid,
    ...(file.lfs ? { lfs: { oid: file.sha256, size: file.size, pointerSize: 134 } } : {}),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}
