import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The workspace root (this file is tests/packaging/pack-workspace.ts). */
export const WORKSPACE_ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");

/** The dependency fields npm reads from a published package.json. */
export const DEPENDENCY_FIELDS = [
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "optionalDependencies",
] as const;

export interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  bin?: string | Record<string, string>;
  exports?: Record<string, unknown>;
  browser?: Record<string, string>;
  [field: string]: unknown;
}

export interface WorkspacePackage {
  dir: string;
  manifest: PackageJson;
}

export interface PackedPackage extends WorkspacePackage {
  /** Absolute path of the .tgz `pnpm pack` wrote. */
  tarball: string;
  /** package/package.json as npm will read it from the tarball. */
  packedManifest: PackageJson;
  /** Paths inside the tarball, without the leading `package/`. */
  files: string[];
}

/**
 * Every package under packages/* and apps/*, private ones included (e.g. `@mobilenetv1/bench-support`,
 * which published packages name in their devDependencies).
 *
 * @example
 * workspacePackages().map((p) => p.manifest.name) // ["@mobilenetv1/backend-node", …, "@mobilenetv1/playground"]
 */
export function workspacePackages(): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ["packages", "apps"]) {
    for (const name of readdirSync(join(WORKSPACE_ROOT, group)).sort()) {
      const dir = join(WORKSPACE_ROOT, group, name);
      const file = join(dir, "package.json");
      if (!existsSync(file)) continue;
      found.push({ dir, manifest: JSON.parse(readFileSync(file, "utf8")) as PackageJson });
    }
  }
  return found;
}

/**
 * Every package npm would publish: {@link workspacePackages} minus `"private": true`.
 *
 * @example
 * publishablePackages().map((p) => p.manifest.name) // ["@mobilenetv1/backend-node", …, "@mobilenetv1/cli"]
 */
export function publishablePackages(): WorkspacePackage[] {
  return workspacePackages().filter((p) => !p.manifest.private);
}

/**
 * Runs `pnpm pack` in each package (what `pnpm publish` uploads: `files`, `workspace:` specs replaced by
 * real versions) and reads each tarball's manifest and file list back.
 */
export function packPackages(params: { packages: WorkspacePackage[]; dest: string }): PackedPackage[] {
  return params.packages.map((pkg) => {
    const before = new Set(readdirSync(params.dest));
    execFileSync("pnpm", ["pack", "--pack-destination", params.dest], { cwd: pkg.dir, stdio: "pipe" });
    const written = readdirSync(params.dest).filter((f) => f.endsWith(".tgz") && !before.has(f));
    if (written.length !== 1)
      throw new Error(`pnpm pack in ${pkg.dir} wrote ${written.join(", ") || "nothing"}`);
    const tarball = join(params.dest, written[0]!);
    const tar = (...args: string[]) =>
      execFileSync("tar", [...args, tarball], { encoding: "utf8", maxBuffer: 64 << 20 });
    const packedManifest = JSON.parse(
      execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
    ) as PackageJson;
    const files = tar("-tzf")
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ""));
    return { ...pkg, tarball, packedManifest, files };
  });
}

/**
 * The files a manifest promises to consumers: every non-`source` target of `exports`, every `bin`, and
 * every dist/ target of the `browser` map. (`source` points at src/ for the workspace's own tools and
 * is not published.)
 *
 * @example
 * promisedFiles({ name: "x", version: "1.0.0", bin: { x: "./dist/bin.js" } }) // ["dist/bin.js"]
 */
export function promisedFiles(manifest: PackageJson): string[] {
  const out = new Set<string>();
  const add = (target: string) => out.add(target.replace(/^\.\//, ""));
  const walk = (node: unknown, condition?: string) => {
    if (typeof node === "string") {
      if (condition !== "source") add(node);
    } else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) walk(value, key.startsWith(".") ? condition : key);
    }
  };
  walk(manifest.exports);
  if (typeof manifest.bin === "string") add(manifest.bin);
  else for (const target of Object.values(manifest.bin ?? {})) add(target);
  for (const [from, to] of Object.entries(manifest.browser ?? {})) {
    if (from.startsWith("./dist/")) add(to);
  }
  return [...out].sort();
}
