/**
 * The routes: Hugging Face image classification (`POST /`, `POST /models/{name}`), the Open Inference
 * Protocol v2 (`/v2`, health, model metadata and readiness, infer) and `/metrics`.
 */
import { Tensor } from "@mobilenetv1/core";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { DynamicBatcher } from "./batcher.js";
import { UnknownModelError } from "./errors.js";
import { labelScores, parseHfRequest } from "./hf-protocol.js";
import type { ServeLimits } from "./limits.js";
import type { ServeMetrics } from "./metrics.js";
import type { PreprocessPool } from "./preprocess-pool.js";
import { bodyBytes, bodyKind, parseJsonObject } from "./request-body.js";
import type { ServableModel, ServableProcessor } from "./server.js";
import { LOGITS_OUTPUT, MIN_SIDE, PIXEL_VALUES_INPUT, parseV2InferRequest } from "./v2-protocol.js";

/** The server's name and version in `GET /v2`. */
export const SERVER_NAME = "mobilenetv1-serve";
export const SERVER_VERSION = "0.1.0";

interface RouteContext {
  app: FastifyInstance;
  model: ServableModel;
  processor: ServableProcessor;
  pool?: PreprocessPool;
  modelName: string;
  limits: ServeLimits;
  batcher: DynamicBatcher;
  metrics: ServeMetrics;
  isReady: () => boolean;
}

/** Registers every route on `app`. */
export function registerRoutes(ctx: RouteContext): void {
  const { app, model, modelName } = ctx;
  const channels = model.config.numChannels ?? 3;
  const numLabels = Object.keys(model.config.id2label).length;
  // In worker threads when a pool is given; else on this thread, concurrently with the forward pass.
  const preprocess = async (images: Uint8Array[]) =>
    ctx.pool
      ? ctx.pool.preprocess({ images })
      : (await ctx.processor.preprocess(images, { decode: { maxImagePixels: ctx.limits.maxImagePixels } }))
          .pixelValues;
  const checkName = (name: string) => {
    if (name !== modelName) throw new UnknownModelError({ modelName: name, available: [modelName] });
  };

  const classify = async (request: { headers: Record<string, unknown>; body: unknown }) => {
    const parsed = parseHfRequest({
      contentType: request.headers["content-type"] as string | undefined,
      body: request.body,
    });
    const logits = await ctx.batcher.process({ prepare: () => preprocess([parsed.image]) });
    return labelScores({ logits, id2label: model.config.id2label, ...parsed });
  };
  app.post("/", async (request) => classify(request));
  app.post<{ Params: { name: string } }>("/models/:name", async (request) => {
    checkName(request.params.name);
    return classify(request);
  });

  app.get("/v2", async () => ({ name: SERVER_NAME, version: SERVER_VERSION, extensions: [] }));
  app.get("/v2/health/live", async (_request, reply) => reply.code(200).send());
  const ready = async (reply: FastifyReply) =>
    ctx.isReady()
      ? reply.code(200).send()
      : reply.code(400).send({ error: "not ready: shutting down", code: "SERVE_NOT_READY" });
  app.get("/v2/health/ready", async (_request, reply) => ready(reply));
  app.get<{ Params: { name: string } }>("/v2/models/:name/ready", async (request, reply) => {
    checkName(request.params.name);
    return ready(reply);
  });
  app.get<{ Params: { name: string } }>("/v2/models/:name", async (request) => {
    checkName(request.params.name);
    return {
      name: modelName,
      platform: "onnxruntime_onnx",
      inputs: [{ name: PIXEL_VALUES_INPUT, datatype: "FP32", shape: [-1, channels, -1, -1] }],
      outputs: [{ name: LOGITS_OUTPUT, datatype: "FP32", shape: [-1, numLabels] }],
      parameters: { min_height: MIN_SIDE, min_width: MIN_SIDE, max_batch_size: ctx.limits.maxBatch },
    };
  });
  app.post<{ Params: { name: string } }>("/v2/models/:name/infer", async (request) => {
    checkName(request.params.name);
    bodyKind({ contentType: request.headers["content-type"], allowImage: false });
    const json = parseJsonObject({ bytes: bodyBytes(request.body) });
    const { id, input } = parseV2InferRequest({ json, channels });
    const logits = await ctx.batcher.process({
      prepare: async () =>
        input.kind === "pixels"
          ? new Tensor({ dims: input.dims, data: input.data })
          : preprocess(input.images),
    });
    return {
      model_name: modelName,
      ...(id !== undefined ? { id } : {}),
      outputs: [{ name: LOGITS_OUTPUT, datatype: "FP32", shape: logits.dims, data: Array.from(logits.data) }],
    };
  });

  app.get("/metrics", async (_request, reply) =>
    reply.header("content-type", ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics()),
  );
}
