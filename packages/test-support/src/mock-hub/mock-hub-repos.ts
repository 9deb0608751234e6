/**
 * The repositories a mock hub serves: files per revision, commits, the hashes the real hub reports
 * (git blob sha1 for files in git, sha256 for LFS files). Pure data, no HTTP: see mock-hub-server.ts.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** A file's content: an absolute path (read when first served) or bytes. */
export type MockFileSource = string | Uint8Array;

/** A revision other than `main`: main's files, plus `add`, minus `remove`. */
export interface MockRevisionSpec {
  add?: Record<string, MockFileSource>;
  remove?: readonly string[];
}

export interface MockRepoSpec {
  /** Folder whose files make up `main` (non-recursive). */
  folder?: string;
  /** Only these names from `folder`. @default every file */
  include?: readonly string[];
  /** More files of `main` (or replacements). */
  files?: Record<string, MockFileSource>;
  /** Branches, tags and `refs/pr/N`, relative to `main`. */
  revisions?: Record<string, MockRevisionSpec>;
  /** Gated: requests need `Authorization: Bearer <token>` (401 without, 403 with another one), `X-Error-Code: GatedRepo`. */
  gated?: boolean;
  /** Private: requests need this token; without it the repo "does not exist" (401 RepoNotFound, as the hub answers). */
  token?: string;
  /** Raw entries added to every tree listing (to serve hostile paths like `../../x`). */
  extraListing?: readonly { path: string; type: "file" | "directory"; size?: number; oid?: string }[];
}

export interface MockFile {
  path: string;
  size: number;
  /** git blob sha1 of the content (the `oid` of a file stored in git). */
  gitOid: string;
  sha256: string;
  /** Stored with LFS (weights): resolved through a redirect, `lfs` in listings, sha256 as etag. */
  lfs: boolean;
  bytes(): Uint8Array;
}

export interface MockRepo {
  id: string;
  spec: MockRepoSpec;
  /** Branch/tag/PR name → commit. */
  refs: Map<string, string>;
  /** Commit → files. Old commits stay reachable when a ref moves. */
  commits: Map<string, Map<string, MockFile>>;
}

const LFS_EXTENSIONS = [".bin", ".safetensors", ".h5", ".onnx", ".msgpack", ".tflite", ".pt", ".pth"];

/** Builds a repo: `main` and every revision of the spec get their commit. */
export function buildMockRepo(params: { id: string; spec: MockRepoSpec }): MockRepo {
  const repo: MockRepo = { id: params.id, spec: params.spec, refs: new Map(), commits: new Map() };
  const main = mainFiles(params.spec);
  commitRevision({ repo, revision: "main", files: main });
  for (const [revision, rev] of Object.entries(params.spec.revisions ?? {})) {
    setMockRevision({ repo, revision, spec: rev });
  }
  return repo;
}

/** Points `revision` at a new commit: main's current files with `spec` applied. Returns the commit. */
export function setMockRevision(params: {
  repo: MockRepo;
  revision: string;
  spec: MockRevisionSpec;
}): string {
  const { repo, spec } = params;
  const main = repo.refs.get("main");
  const files = new Map<string, MockFile>(main ? repo.commits.get(main) : undefined);
  for (const [name, source] of Object.entries(spec.add ?? {}))
    files.set(name, mockFile({ path: name, source }));
  for (const name of spec.remove ?? []) files.delete(name);
  return commitRevision({ repo, revision: params.revision, files });
}

/** Resolves a revision name or a commit hash of the repo; `undefined` when it has none such. */
export function resolveMockRevision(repo: MockRepo, revision: string): string | undefined {
  return repo.refs.get(revision) ?? (repo.commits.has(revision) ? revision : undefined);
}

/** One repo per folder of `<sharedDir>/hf`, as `shared/<folder>`. */
export function sharedMockRepos(sharedDir: string): Record<string, MockRepoSpec> {
  const root = join(sharedDir, "hf");
  const out: Record<string, MockRepoSpec> = {};
  for (const name of readdirSync(root)) {
    if (statSync(join(root, name)).isDirectory()) out[`shared/${name}`] = { folder: join(root, name) };
  }
  return out;
}

function mainFiles(spec: MockRepoSpec): Map<string, MockFile> {
  const files = new Map<string, MockFile>();
  if (spec.folder) {
    for (const name of readdirSync(spec.folder).sort()) {
      const path = join(spec.folder, name);
      if ((spec.include && !spec.include.includes(name)) || !statSync(path).isFile()) continue;
      files.set(name, mockFile({ path: name, source: path }));
    }
  }
  for (const [name, source] of Object.entries(spec.files ?? {}))
    files.set(name, mockFile({ path: name, source }));
  return files;
}

function commitRevision(params: { repo: MockRepo; revision: string; files: Map<string, MockFile> }): string {
  const hash = createHash("sha1").update(`${params.repo.id}\n${params.revision}\n`);
  for (const file of [...params.files.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(`${file.path}:${file.gitOid}\n`);
  }
  const commit = hash.digest("hex");
  params.repo.commits.set(commit, params.files);
  params.repo.refs.set(params.revision, commit);
  return commit;
}

function mockFile(params: { path: string; source: MockFileSource }): MockFile {
  let cached: Uint8Array | undefined;
  const bytes = () => {
    cached ??=
      typeof params.source === "string" ? new Uint8Array(readFileSync(params.source)) : params.source;
    return cached;
  };
  const content = bytes();
  return {
    path: params.path,
    size: content.byteLength,
    gitOid: createHash("sha1").update(`blob ${content.byteLength}\0`).update(content).digest("hex"),
    sha256: createHash("sha256").update(content).digest("hex"),
    lfs: LFS_EXTENSIONS.some((ext) => params.path.endsWith(ext)),
    bytes,
  };
}
