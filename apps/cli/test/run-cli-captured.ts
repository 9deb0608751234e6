import { vi } from "vitest";
import { runCli } from "../src/program.js";

/**
 * Runs the CLI in-process and returns its exit code with what it wrote to stdout and stderr. `env` is set for
 * the run and restored after; `console.warn` is captured into stderr too (prefixed `console.warn`), so a
 * test can assert that the library's default warning channel stayed unused.
 *
 * @example
 * const r = await runCliCaptured(["classify", "--top", "0"]);
 * r.code // 2
 */
export async function runCliCaptured(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const capture = (into: string[]) => (chunk: unknown) => {
    into.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation(capture(out)),
    vi.spyOn(process.stderr, "write").mockImplementation(capture(err)),
    vi.spyOn(console, "warn").mockImplementation((...a) => err.push(`console.warn ${a.join(" ")}\n`)),
  ];
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const code = await runCli({ argv });
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    for (const spy of spies) spy.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
