// `pnpm mobilenet ...`: builds the workspace (turbo's cache makes this a no-op when nothing changed;
// its output goes to stderr so `--json` stdout stays clean), then runs the CLI.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const turbo = resolve(root, "node_modules/.bin/turbo");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
const build = spawnSync(
  turbo,
  ["run", "build", "--filter=@mobilenetv1/cli...", "--output-logs=errors-only"],
  {
    cwd: root,
    stdio: ["ignore", process.stderr, process.stderr],
    env,
  },
);
if (build.status !== 0) {
  console.error(
    "mobilenet: the workspace build failed (see above); run `pnpm install` first if this is a fresh clone",
  );
  process.exit(build.status ?? 1);
}
const { runCli } = await import(pathToFileURL(resolve(root, "apps/cli/dist/program.js")).href);
process.exitCode = await runCli({ argv: process.argv.slice(2) });
