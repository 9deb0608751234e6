import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  requireChromium,
  requireShared,
} from "@mobilenetv1/test-support/shared-dir";
import { startStaticServer } from "@mobilenetv1/test-support/static-server";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEPENDENCY_FIELDS,
  type PackedPackage,
  packPackages,
  promisedFiles,
  publishablePackages,
  workspacePackages,
} from "./pack-workspace.js";

// What npm would ship, used as a stranger would: every publishable package is packed with `pnpm pack`,
// installed with `npm install` into a fresh project in the OS temp dir (outside the workspace, so nothing
// resolves through pnpm's links or the `source` condition), and then
//   - a plain .mjs classifies the COCO cats image with @mobilenetv1/pipeline + backend-node, as does the
//     packed `mobilenet` bin; both must give REFERENCE.json's top-5 (HF's own modeling code);
//   - `tsc` (strict, NodeNext, skipLibCheck off) checks a .ts file against the published .d.ts files;
//   - Vite builds a page importing core + image-processor + backend-web for the browser, with no Node-only
//     module in the bundle, and Debian's Chromium runs it to classify the same image.
// Needs the workspace built (`pnpm test` runs `turbo run build` first) and the npm registry for the
// third-party dependencies (onnxruntime-node, sharp, vite; npm's cache makes reruns quick).
const run = promisify(execFile);
/** The consumer project's sources (beside this file), copied into the temp dir. */
const CONSUMER_PROJECT = fileURLToPath(new URL("./consumer-project", import.meta.url));
const CONSUMER_DEV_DEPENDENCIES = { vite: "8.3.8", typescript: "5.9.3", "@types/node": "20.19.43" };
const folder = requireShared("hf/keras_mobilenet_v1_0.75_224");
const cats = requireShared("images/000000039769.png");
const hasChromium = requireChromium();

interface Top {
  label: string;
  score: number;
}

describe.skipIf(!folder || !cats)("npm tarballs in a fresh project outside the workspace", () => {
  let work = "";
  let project = "";
  let packed: PackedPackage[] = [];
  let reference: Top[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "mobilenetv1-pack-"));
    project = join(work, "consumer");
    const packages = publishablePackages();
    for (const { dir, manifest } of packages) {
      for (const file of promisedFiles(manifest)) {
        if (!existsSync(join(dir, file)))
          throw new Error(`${dir}/${file} is missing: run \`pnpm build\` first`);
      }
    }
    const tarballs = join(work, "tarballs");
    cpSync(CONSUMER_PROJECT, project, { recursive: true });
    mkdirSync(tarballs);
    packed = packPackages({ packages, dest: tarballs });
    const dependencies = Object.fromEntries(packed.map((p) => [p.manifest.name, `file:${p.tarball}`]));
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({
        name: "mobilenetv1-consumer",
        private: true,
        type: "module",
        dependencies,
        devDependencies: CONSUMER_DEV_DEPENDENCIES,
        // npm 11's install-script policy: sharp's check runs; onnxruntime-node's postinstall only fetches
        // CUDA parts (its CPU binaries ship in the package), as in pnpm-workspace.yaml's allowBuilds.
        allowScripts: { sharp: true, "onnxruntime-node": false, protobufjs: false },
      }),
    );
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: project,
      env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: "skip" },
      maxBuffer: 16 << 20,
    });
    const json = JSON.parse(readFileSync(join(folder!, "REFERENCE.json"), "utf8"));
    reference = json.top5.map((p: { label: string; prob: number }) => ({ label: p.label, score: p.prob }));
  }, 900_000);

  afterAll(() => {
    if (process.env.KEEP_PACK_PROJECT) console.log(`kept ${work}`);
    else if (work) rmSync(work, { recursive: true, force: true });
  });

  it("packs every publishable package with its promised files and real versions for workspace deps", () => {
    expect(packed.map((p) => p.manifest.name)).toContain("@mobilenetv1/cli");
    // Private workspace packages (bench-support) are not packed, but devDependencies name them too.
    const versions = new Map(workspacePackages().map((p) => [p.manifest.name, p.manifest.version]));
    for (const { manifest, packedManifest, files } of packed) {
      const missing = promisedFiles(packedManifest).filter((f) => !files.includes(f));
      expect(missing, `${manifest.name}: exports/bin/browser targets missing from the tarball`).toEqual([]);
      expect(
        files.filter((f) => /\.test\.|(^|\/)(src|test)\//.test(f)),
        manifest.name,
      ).toEqual([]);
      for (const field of DEPENDENCY_FIELDS) {
        const source = (manifest[field] ?? {}) as Record<string, string>;
        const shipped = (packedManifest[field] ?? {}) as Record<string, string>;
        for (const [dep, spec] of Object.entries(source)) {
          // pnpm turns `workspace:^` into `^<that package's version>` at pack time.
          const expected = spec.startsWith("workspace:") ? `${spec.slice(10)}${versions.get(dep)}` : spec;
          expect(shipped[dep], `${manifest.name} ${field}.${dep}`).toBe(expected);
        }
      }
    }
  });

  it("classifies the cats image with @mobilenetv1/pipeline + backend-node in plain Node", async () => {
    const { stdout } = await run("node", ["classify.mjs", cats!, folder!], { cwd: project });
    const top5 = JSON.parse(stdout) as Top[];
    expect(top5.map((p) => p.label)).toEqual(reference.map((p) => p.label));
    expect(top5[0]!.label).toBe("tabby, tabby cat");
    for (const [i, p] of top5.entries()) expect(p.score).toBeCloseTo(reference[i]!.score, 4);
  }, 120_000);

  it("runs the packed `mobilenet` bin", async () => {
    const bin = join(project, "node_modules/.bin/mobilenet");
    const { stdout } = await run(bin, ["classify", cats!, "--model", folder!, "--json", "--top", "1"], {
      cwd: project,
    });
    const result = JSON.parse(stdout.trim().split("\n")[0]!);
    expect(result.top[0].label).toBe("tabby, tabby cat");
  }, 120_000);

  it("type-checks a strict NodeNext consumer against the published .d.ts files", async () => {
    const tsc = join(project, "node_modules/.bin/tsc");
    const result = await run(tsc, ["-p", "."], { cwd: project }).catch((e) => e);
    expect(`${result.stdout ?? ""}${result.stderr ?? ""}`).toBe("");
  }, 120_000);

  describe("a Vite browser build of core + image-processor + backend-web", () => {
    let bundled: string[] = [];
    let buildLog = "";

    beforeAll(async () => {
      const vite = join(project, "node_modules/.bin/vite");
      const { stdout, stderr } = await run(vite, ["build"], { cwd: project, maxBuffer: 16 << 20 });
      buildLog = stdout + stderr;
      bundled = JSON.parse(readFileSync(join(project, "modules.json"), "utf8"));
    }, 300_000);

    it("bundles the packages' dist files and no Node-only module", () => {
      expect(buildLog).not.toMatch(/externalized for browser compatibility/);
      const ours = bundled.filter((id) => id.includes("/node_modules/@mobilenetv1/"));
      for (const pkg of ["core", "image-processor", "backend-web"])
        expect(
          ours.some((id) => id.includes(`/@mobilenetv1/${pkg}/dist/`)),
          pkg,
        ).toBe(true);
      const nodeOnly = bundled.filter((id) =>
        /^(node:|__vite-browser-external)|\/node_modules\/(sharp|@img|onnxruntime-node)\/|-node\.js$/.test(
          id,
        ),
      );
      expect(nodeOnly).toEqual([]);
      expect(bundled.some((id) => id.includes("/load-image-browser.js"))).toBe(true);
    });

    it.skipIf(!hasChromium)(
      "classifies the cats image in Chromium",
      async () => {
        const server = await startStaticServer({
          routes: { "/": `${join(project, "dist-web")}/`, "/model/": `${folder}/`, "/cats.png": cats! },
        });
        const context = await chromium.launchPersistentContext(join(work, "profile"), {
          executablePath: CHROMIUM,
          headless: true,
          args: [...CHROMIUM_ARGS],
        });
        try {
          const page = context.pages()[0] ?? (await context.newPage());
          const logs: string[] = [];
          page.on("console", (m) => logs.push(`${m.type()}: ${m.text()}`));
          await page.goto(`${server.url}/`);
          await page.waitForFunction(() => "__result" in window, undefined, { timeout: 90_000 });
          const result = (await page.evaluate(
            () => (window as unknown as { __result: unknown }).__result,
          )) as {
            top5?: Top[];
            device?: string;
            error?: string;
          };
          expect(result.error, logs.join("\n")).toBeUndefined();
          expect(result.device).toBe("wasm");
          expect(result.top5!.map((p) => p.label)).toEqual(reference.map((p) => p.label));
          for (const [i, p] of result.top5!.entries()) expect(p.score).toBeCloseTo(reference[i]!.score, 3);
        } finally {
          await context.close();
          await server.close();
        }
      },
      180_000,
    );
  });
});
