/**
 * `createServer`: the model behind HTTP, speaking the Hugging Face Inference API (`POST /`) and the Open
 * Inference Protocol v2 (`/v2/...`) on one port, with dynamic batching, back-pressure, per-request
 * timeouts, a body cap, Prometheus metrics (`GET /metrics`) and graceful shutdown.
 */
import type { Tensor } from "@mobilenetv1/core";
import Fastify, { type FastifyInstance } from "fastify";
import { DynamicBatcher } from "./batcher.js";
import { ShuttingDownError } from "./errors.js";
import { errorResponse } from "./http-errors.js";
import { resolveLimits, type ServeLimits } from "./limits.js";
import { createMetrics, type ServeMetrics } from "./metrics.js";
import { createPreprocessPool, preprocessWorkersAvailable } from "./preprocess-pool.js";
import { registerRoutes } from "./routes.js";

/** What the server needs of a model: `MobileNetV1ForImageClassification` or any pipeline model. */
export interface ServableModel {
  readonly config: { readonly id2label: Readonly<Record<number, string>>; readonly numChannels?: number };
  forward(params: { pixelValues: Tensor }): Promise<{ logits: Tensor }>;
}

/** What the server needs of an image processor: `MobileNetV1ImageProcessor` or any pipeline processor. */
export interface ServableProcessor {
  preprocess(images: unknown, options?: Record<string, unknown>): Promise<{ pixelValues: Tensor }>;
}

/** One structured log line (written as JSON to stderr by default). Never holds headers or bodies. */
export type LogEntry = Record<string, string | number | boolean | undefined>;

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  model: ServableModel;
  processor: ServableProcessor;
  /** The name in v2 URLs (`/v2/models/{name}/infer`) and responses. @default DEFAULT_MODEL_NAME */
  modelName?: string;
  /** Batching, queue, timeout and size limits; each defaults to its `DEFAULT_*` constant. */
  limits?: Partial<ServeLimits>;
  /** Receives one entry per request and one per server error. `false`: no logs. @default JSON lines on stderr */
  log?: ((entry: LogEntry) => void) | false;
  /**
   * Preprocess in worker threads (each with a processor made from `configText`, a
   * `preprocessor_config.json`), off the main thread that serves HTTP. Needs the built package (the
   * worker script is `dist/preprocess-worker.js`); from TypeScript sources, images are preprocessed on
   * the main thread. @default preprocessing on the main thread
   */
  preprocessWorkers?: { configText: string; threads: number };
  /** Include prom-client's process metrics (CPU, memory, event loop lag) in `/metrics`. @default true */
  processMetrics?: boolean;
}

/** A created server: listen, then close (gracefully) when done. */
export interface ServeHandle {
  /** The underlying fastify instance (for `inject` in tests, or to add routes). */
  readonly app: FastifyInstance;
  readonly metrics: ServeMetrics;
  readonly limits: ServeLimits;
  readonly modelName: string;
  /** Whether `/v2/health/ready` answers 200: listening and not shutting down. */
  readonly ready: boolean;
  /** Starts listening; resolves with the URL (the real port when `port` is 0). */
  listen(params?: { host?: string; port?: number }): Promise<{ url: string; host: string; port: number }>;
  /**
   * Graceful shutdown: readiness goes false, new inference requests get 503, requests already received
   * finish, then the listener closes. Does not dispose the model (its owner does).
   */
  close(): Promise<void>;
}

/** The v2 model name when none is given. */
export const DEFAULT_MODEL_NAME = "mobilenet_v1";
/** Default listen address: loopback only; pass `0.0.0.0` to serve other machines (containers do). */
export const DEFAULT_HOST = "127.0.0.1";
/** Default listen port. */
export const DEFAULT_PORT = 8080;

/**
 * Creates the server (not yet listening).
 *
 * @example
 * const server = createServer({ model, processor, modelName: "mobilenet", limits: { maxBatch: 8 } });
 * const { url } = await server.listen({ port: 0 }); // "http://127.0.0.1:41235"
 * // POST url with image bytes → [{ label: "tabby, tabby cat", score: 0.79 }, ...]
 * await server.close();
 */
export function createServer(params: CreateServerOptions): ServeHandle {
  const limits = resolveLimits({ limits: params.limits });
  const modelName = params.modelName ?? DEFAULT_MODEL_NAME;
  const log = params.log === false ? () => {} : (params.log ?? writeJsonLine);
  let state: "created" | "listening" | "closing" = "created";
  const app = Fastify({
    logger: false,
    bodyLimit: limits.maxBodyBytes,
    requestTimeout: limits.timeoutMs,
    return503OnClosing: false,
    forceCloseConnections: "idle",
  });
  const batcher = new DynamicBatcher({
    limits,
    run: async (pixelValues) => (await params.model.forward({ pixelValues })).logits,
    onBatch: (report) => {
      metrics.batchSize.observe(report.images);
      metrics.batchRequests.observe(report.requests);
      metrics.inference.observe(report.seconds);
    },
  });
  const pool =
    params.preprocessWorkers && params.preprocessWorkers.threads > 0 && preprocessWorkersAvailable()
      ? createPreprocessPool({ ...params.preprocessWorkers, maxImagePixels: limits.maxImagePixels })
      : undefined;
  const metrics = createMetrics({
    queueDepth: () => batcher.depth,
    processMetrics: params.processMetrics ?? true,
  });

  // Every body is read as bytes (capped by bodyLimit); the routes decide what the bytes are.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.addHook("onRequest", async (request) => {
    request.startedAt = performance.now();
    if (request.method !== "POST") return;
    if (state === "closing") throw new ShuttingDownError();
    request.counted = true;
    metrics.inFlight.inc();
  });
  // While closing, every response ends its connection: keep-alive sockets would hold close() open.
  app.addHook("onSend", async (_request, reply, payload) => {
    if (state === "closing") reply.header("connection", "close");
    return payload;
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    const seconds = (performance.now() - (request.startedAt ?? performance.now())) / 1000;
    if (request.counted) metrics.inFlight.dec();
    metrics.requests.inc({ route, method: request.method, status: String(reply.statusCode) });
    metrics.latency.observe({ route, method: request.method }, seconds);
    log({
      time: new Date().toISOString(),
      level: reply.statusCode >= 500 ? "error" : "info",
      msg: "request",
      id: String(request.id),
      method: request.method,
      route,
      // the path only: query strings may carry tokens; capped, as a client chooses it
      path: request.url.split("?")[0]!.slice(0, 200),
      status: reply.statusCode,
      ms: Math.round(seconds * 100_000) / 100,
    });
  });
  app.setErrorHandler(async (error, request, reply) => {
    const response = errorResponse({ error, maxBodyBytes: limits.maxBodyBytes });
    if (response.status >= 500 && response.body.code === "SERVE_INTERNAL") {
      log({
        time: new Date().toISOString(),
        level: "error",
        msg: "unexpected error",
        id: String(request.id),
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
    return reply.code(response.status).headers(response.headers).send(response.body);
  });
  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send({
      error: `no route ${request.method} ${request.url.split("?")[0]}`,
      code: "SERVE_ROUTE_NOT_FOUND",
    }),
  );

  registerRoutes({
    app,
    model: params.model,
    processor: params.processor,
    ...(pool ? { pool } : {}),
    modelName,
    limits,
    batcher,
    metrics,
    isReady: () => state === "listening",
  });

  return {
    app,
    metrics,
    limits,
    modelName,
    get ready() {
      return state === "listening";
    },
    async listen(options = {}) {
      const host = options.host ?? DEFAULT_HOST;
      await app.listen({ host, port: options.port ?? DEFAULT_PORT });
      state = "listening";
      const address = app.server.address();
      const port = typeof address === "object" && address !== null ? address.port : (options.port ?? 0);
      const shown = host.includes(":") ? `[${host}]` : host;
      return { url: `http://${shown}:${port}`, host, port };
    },
    async close() {
      state = "closing";
      batcher.drain();
      await app.close();
      await pool?.close();
    },
  };
}

function writeJsonLine(entry: LogEntry): void {
  process.stderr.write(`${JSON.stringify(entry)}\n`);
}

declare module "fastify" {
  interface FastifyRequest {
    startedAt?: number;
    /** Counted in `mobilenet_serve_requests_in_flight`. */
    counted?: boolean;
  }
}
