/** What the server tests share: the real 0.75 checkpoint, a scriptable fake model, a started server. */
import "@mobilenetv1/backend-node";
import { Tensor } from "@mobilenetv1/core";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import {
  AutoImageProcessor,
  AutoModelForImageClassification,
  type ImageClassificationModel,
  type ImageProcessorLike,
} from "@mobilenetv1/pipeline";
import { type CreateServerOptions, createServer, type LogEntry, type ServeHandle } from "../src/index.js";

/** The real keras 0.75_224 checkpoint folder, relative to ../shared. */
export const REAL_MODEL = "hf/keras_mobilenet_v1_0.75_224/config.json";

/** Loads the real model and its processor from `dir`, on onnxruntime-node. */
export async function loadReal(
  dir: string,
): Promise<{ model: ImageClassificationModel; processor: ImageProcessorLike }> {
  const [model, processor] = await Promise.all([
    AutoModelForImageClassification.fromPretrained(dir, { backend: "node" }),
    AutoImageProcessor.fromPretrained(dir),
  ]);
  await model.prepare?.();
  return { model, processor };
}

/**
 * A model that answers zeros [N, 10] once `release()` is called (or at once when `held` is false), and
 * counts the forwards it started; `fail` makes every forward throw an untyped error.
 */
export function fakeModel(params: { held?: boolean; fail?: Error } = {}) {
  let release!: () => void;
  const gate = params.held ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  const state = { started: 0 };
  const model = {
    config: { id2label: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, `label ${i}`])) },
    async forward({ pixelValues }: { pixelValues: Tensor }) {
      state.started++;
      await gate;
      if (params.fail) throw params.fail;
      return { logits: new Tensor({ dims: [pixelValues.dims[0]!, 10] }) };
    },
  };
  return { model, processor: new MobileNetV1ImageProcessor(), state, release: () => release?.() };
}

/** Starts a server on a free loopback port; logs are collected instead of written. */
export async function start(
  options: CreateServerOptions,
): Promise<{ server: ServeHandle; url: string; logs: LogEntry[] }> {
  const logs: LogEntry[] = [];
  const server = createServer({ processMetrics: false, log: (e) => logs.push(e), ...options });
  const { url } = await server.listen({ port: 0 });
  return { server, url, logs };
}

/** Polls `check` every 5 ms until it is true (bounded: throws after `ms`). */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A metric's value from the server's registry (the sum over label sets, or one histogram's sum/count). */
export async function metric(server: ServeHandle, name: string): Promise<number> {
  const text = await server.metrics.registry.metrics();
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}
