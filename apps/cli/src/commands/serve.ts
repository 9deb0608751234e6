/**
 * `mobilenet serve`: loads the model once and serves it over HTTP (Hugging Face Inference API and Open
 * Inference Protocol v2 on one port) until SIGTERM or SIGINT, then shuts down gracefully and exits 0.
 * The first stdout line is `listening on http://HOST:PORT`; logs are JSON lines on stderr.
 */
import { basename } from "node:path";
import { AutoImageProcessor, AutoModelForImageClassification } from "@mobilenetv1/pipeline";
import {
  createServer,
  DEFAULT_HOST,
  DEFAULT_MAX_BATCH,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_MAX_IMAGE_PIXELS,
  DEFAULT_MAX_QUEUE,
  DEFAULT_PORT,
  DEFAULT_TIMEOUT_MS,
  type ServeLimits,
} from "@mobilenetv1/serve";
import { type Command, Option } from "commander";
import { CLI_BACKENDS, loadBackend } from "../backends.js";
import { UsageError } from "../exit-codes.js";
import { expandInputs } from "../expand-inputs.js";
import { CLI_DTYPES, toInt8Model } from "../model-dtype.js";
import { DEFAULT_IMAGE_CLASSIFICATION_MODEL } from "./classify.js";

/** Preprocessing worker threads of `mobilenet serve`: one, beside the main thread and onnxruntime's. */
export const DEFAULT_PREPROCESS_THREADS = 1;

/** Options of `mobilenet serve`, as commander parses them (numbers still as text). */
export interface ServeOptions {
  model: string;
  name?: string;
  host: string;
  port: string;
  backend: string;
  threads?: string;
  preprocessThreads: string;
  dtype?: "float32" | "int8";
  calibration?: string;
  maxBatch: string;
  maxDelayMs: string;
  maxQueue: string;
  timeoutMs: string;
  maxBodyBytes: string;
  maxImagePixels: string;
  revision?: string;
  cacheDir?: string;
  offline?: boolean;
}

/** Adds `serve` to the `mobilenet` program. Every limit also reads a `MOBILENET_SERVE_*` variable. */
export function registerServeCommand(program: Command): void {
  const num = (flag: string, env: string, help: string, value: number) =>
    new Option(flag, help).env(env).default(String(value));
  program
    .command("serve")
    .description(
      "serve the model over HTTP: Hugging Face Inference API (POST /) and Open Inference Protocol v2",
    )
    .option("-m, --model <id|dir>", "hub repo id or local folder", DEFAULT_IMAGE_CLASSIFICATION_MODEL)
    .addOption(
      new Option("--name <name>", "model name in v2 URLs (default: the last part of --model)").env(
        "MOBILENET_SERVE_MODEL_NAME",
      ),
    )
    .addOption(
      new Option("--host <host>", "address to listen on").env("MOBILENET_SERVE_HOST").default(DEFAULT_HOST),
    )
    .addOption(num("--port <port>", "MOBILENET_SERVE_PORT", "port (0: any free port)", DEFAULT_PORT))
    .addOption(
      new Option("-b, --backend <name>", "where the model runs").choices(CLI_BACKENDS).default("node"),
    )
    .addOption(
      num(
        "--preprocess-threads <N>",
        "MOBILENET_SERVE_PREPROCESS_THREADS",
        "worker threads that decode and resize images (0: the main thread)",
        DEFAULT_PREPROCESS_THREADS,
      ),
    )
    .addOption(
      new Option(
        "--threads <N>",
        "onnxruntime threads per forward pass (--backend node; default: one per core of the machine: set it to the container's CPUs)",
      ).env("MOBILENET_SERVE_THREADS"),
    )
    .addOption(
      new Option(
        "--dtype <dtype>",
        "run the float32 network or the int8 one (default: the checkpoint's)",
      ).choices(CLI_DTYPES),
    )
    .option("--calibration <dir|glob>", "images to calibrate --dtype int8 on (for a float checkpoint)")
    .addOption(
      num(
        "--max-batch <N>",
        "MOBILENET_SERVE_MAX_BATCH",
        "most images per forward (1: no batching)",
        DEFAULT_MAX_BATCH,
      ),
    )
    .addOption(
      num(
        "--max-delay-ms <ms>",
        "MOBILENET_SERVE_MAX_DELAY_MS",
        "how long a request waits for others to batch with",
        DEFAULT_MAX_DELAY_MS,
      ),
    )
    .addOption(
      num(
        "--max-queue <N>",
        "MOBILENET_SERVE_MAX_QUEUE",
        "waiting requests before 503 + Retry-After",
        DEFAULT_MAX_QUEUE,
      ),
    )
    .addOption(
      num("--timeout-ms <ms>", "MOBILENET_SERVE_TIMEOUT_MS", "per-request timeout (504)", DEFAULT_TIMEOUT_MS),
    )
    .addOption(
      num(
        "--max-body-bytes <N>",
        "MOBILENET_SERVE_MAX_BODY_BYTES",
        "largest request body (413)",
        DEFAULT_MAX_BODY_BYTES,
      ),
    )
    .addOption(
      num(
        "--max-image-pixels <N>",
        "MOBILENET_SERVE_MAX_IMAGE_PIXELS",
        "largest decoded image (400)",
        DEFAULT_MAX_IMAGE_PIXELS,
      ),
    )
    .option("-r, --revision <rev>", "branch, tag, commit or refs/pr/N")
    .option("--cache-dir <dir>", "hub cache folder (default: huggingface_hub's)")
    .option("--offline", "use cached files only")
    .action(async (options: ServeOptions) => serveCommand({ options }));
}

/**
 * Runs the server until `stop` resolves (default: the first SIGTERM or SIGINT), then closes it gracefully
 * and releases the model.
 *
 * @throws UsageError for a bad number, or when the address cannot be listened on (port taken, bad host).
 * @example
 * await serveCommand({ options: { model: "./model", host: "127.0.0.1", port: "0", ... } })
 * // stdout: "listening on http://127.0.0.1:41235"
 */
export async function serveCommand(params: {
  options: ServeOptions;
  write?: (s: string) => void;
  stop?: Promise<unknown>;
}): Promise<void> {
  const { options } = params;
  const write = params.write ?? ((s: string) => process.stdout.write(s));
  const port = integer(options.port, "--port", 0);
  if (port > 65535) throw new UsageError({ option: "--port", message: `${port} is above 65535` });
  const limits: Partial<ServeLimits> = {
    maxBatch: integer(options.maxBatch, "--max-batch", 1),
    maxDelayMs: integer(options.maxDelayMs, "--max-delay-ms", 0),
    maxQueue: integer(options.maxQueue, "--max-queue", 1),
    timeoutMs: integer(options.timeoutMs, "--timeout-ms", 1),
    maxBodyBytes: integer(options.maxBodyBytes, "--max-body-bytes", 1),
    maxImagePixels: integer(options.maxImagePixels, "--max-image-pixels", 1),
  };
  // Listen for the signal before loading, so a SIGTERM during a slow load still ends in a clean exit.
  const stop = params.stop ?? onceSignal(["SIGTERM", "SIGINT"]);

  const threads = options.threads === undefined ? undefined : integer(options.threads, "--threads", 1);
  if (threads !== undefined && options.backend !== "node") {
    throw new UsageError({ option: "--threads", message: "applies to --backend node only" });
  }
  const backend =
    threads === undefined
      ? await loadBackend(options.backend)
      : (await import("@mobilenetv1/backend-node")).createNodeBackend({ intraOpNumThreads: threads });
  const source = {
    ...(options.revision ? { revision: options.revision } : {}),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.offline ? { localFilesOnly: true } : {}),
  };
  const [loaded, processor] = await Promise.all([
    AutoModelForImageClassification.fromPretrained(options.model, {
      ...source,
      backend,
      ...(options.dtype === "float32" ? { dtype: options.dtype } : {}),
    }),
    AutoImageProcessor.fromPretrained(options.model, source),
  ]);
  const model =
    options.dtype === "int8"
      ? await toInt8Model({
          model: loaded,
          calibration: async () => {
            if (!options.calibration) {
              throw new UsageError({
                option: "--calibration",
                message: "required with --dtype int8 for a float checkpoint",
              });
            }
            const files = await expandInputs({ args: [options.calibration] });
            return (await processor.preprocess(files)).pixelValues;
          },
        })
      : loaded;
  try {
    await model.prepare?.();
    const preprocessThreads = integer(options.preprocessThreads, "--preprocess-threads", 0);
    const configText =
      "toConfigText" in processor ? (processor as { toConfigText(): string }).toConfigText() : undefined;
    const server = createServer({
      model,
      processor,
      ...(configText && preprocessThreads > 0
        ? { preprocessWorkers: { configText, threads: preprocessThreads } }
        : {}),
      modelName: options.name ?? defaultModelName(options.model),
      limits,
    });
    let url: string;
    try {
      ({ url } = await server.listen({ host: options.host, port }));
    } catch (error) {
      const code = error instanceof Error && "code" in error ? String(error.code) : "";
      throw new UsageError({
        option: code === "EADDRINUSE" ? "--port" : "--host",
        message: `cannot listen on ${options.host}:${port} (${code || (error instanceof Error ? error.message : error)})`,
      });
    }
    write(`listening on ${url}\n`);
    await stop;
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "shutting down" })}\n`,
    );
    await server.close();
  } finally {
    await model.dispose();
  }
}

/** The v2 model name for `--model`: its last path segment (`google/mobilenet_v1_1.0_224` → `mobilenet_v1_1.0_224`). */
export function defaultModelName(model: string): string {
  return basename(model.replace(/[/\\]+$/, "")) || "mobilenet_v1";
}

function integer(text: string, option: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError({ option, message: `${JSON.stringify(text)} is not an integer >= ${min}` });
  }
  return n;
}

function onceSignal(signals: readonly NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      for (const s of signals) process.off(s, handler);
      resolve(signal);
    };
    for (const s of signals) process.on(s, handler);
  });
}
