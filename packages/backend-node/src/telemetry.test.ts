import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CI_VARIABLES = new Set([
  "CI",
  "TF_BUILD",
  "GITHUB_ACTIONS",
  "GITLAB_CI",
  "CIRCLECI",
  "TRAVIS",
  "JENKINS_URL",
  "CODEBUILD_BUILD_ID",
  "BUILDKITE",
  "TEAMCITY_VERSION",
  "APPVEYOR",
  "BITBUCKET_BUILD_NUMBER",
]);

// A fresh process that imports this package and runs a session, with HOME and TMPDIR in a temp folder so
// onnxruntime's telemetry files (if any) land where the test can see them.
function runSession(env: Record<string, string>): { home: string; value: string } {
  const home = mkdtempSync(join(tmpdir(), "ort-telemetry-"));
  const script = `
    import { createNodeBackend } from "@mobilenetv1/backend-node";
    import { MobileNetV1Config, MobileNetV1ForImageClassification } from "@mobilenetv1/core";
    const config = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 3 });
    const model = await MobileNetV1ForImageClassification.fromConfig({ config, backend: createNodeBackend() });
    await model.forward({ pixelValues: { dims: [1, 3, 32, 32], data: new Float32Array(3 * 32 * 32) } });
    console.log(JSON.stringify(process.env.ORT_DISABLE_TELEMETRY ?? null));
    process.exit(0);`;
  // onnxruntime itself keeps telemetry off on CI machines (it looks for these variables), so the child runs
  // without them: otherwise neither test could tell our default from onnxruntime's.
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== "ORT_DISABLE_TELEMETRY" && !CI_VARIABLES.has(k)),
  );
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: join(import.meta.dirname, ".."),
    env: { ...base, HOME: home, XDG_CACHE_HOME: join(home, ".cache"), ...env },
    encoding: "utf8",
  });
  return { home, value: JSON.parse(out.trim().split("\n").pop()!) };
}

describe("onnxruntime telemetry", () => {
  it("is off by default: nothing is written under the user's cache folder", () => {
    const { home, value } = runSession({});
    expect(value).toBe("1");
    expect(existsSync(join(home, ".cache", "Microsoft"))).toBe(false);
    expect(readdirSync(home)).toEqual([]);
  });

  it("stays as the user set it (ORT_DISABLE_TELEMETRY=0 keeps onnxruntime's default)", () => {
    const { home, value } = runSession({ ORT_DISABLE_TELEMETRY: "0" });
    expect(value).toBe("0");
    // onnxruntime's own behaviour, which the first test would see without the default.
    expect(existsSync(join(home, ".cache", "Microsoft", "DeveloperTools", ".onnxruntime"))).toBe(true);
  });
});
