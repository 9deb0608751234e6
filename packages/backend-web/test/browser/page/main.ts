import { createWebBackend, defaultNumThreads } from "@mobilenetv1/backend-web";
import {
  BackendError,
  MobileNetV1ForImageClassification,
  registerModelSource,
  Tensor,
} from "@mobilenetv1/core";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { httpFolderSource } from "./http-folder-source.js";

type Top5 = { index: number; label: string; score: number }[];

/** What the page leaves on `window.__result` for the test to read. */
export interface PageResult {
  /** Top-5 for HF's reference pixel values. */
  top5?: Top5;
  /** The cats PNG decoded and preprocessed in the page by @mobilenetv1/image-processor, then classified. */
  decoded?: { top5?: Top5; maxPixelDiff?: number; error?: string };
  device?: string;
  numThreads?: number;
  crossOriginIsolated: boolean;
  loadMs?: number;
  forwardMs?: number;
  error?: string;
  /** What `device: "webgpu"` did on this browser: the device it started, or why it failed. */
  webgpu?: { device?: string; failures?: readonly { backend: string; reason: string }[] };
}

// The test server serves the checkpoint folder, the cats PNG and HF's reference pixel values (its image
// processor's output for that PNG, float32 NCHW) under /fixtures/.
registerModelSource({ source: httpFolderSource });
const MODEL = "/fixtures/model";

async function classify(): Promise<{
  result: PageResult;
  model: MobileNetV1ForImageClassification;
  reference: Float32Array;
}> {
  const backend = createWebBackend({ device: "wasm" });
  const t0 = performance.now();
  const model = await MobileNetV1ForImageClassification.fromPretrained(MODEL, {
    backend,
    useSafetensors: true,
  });
  const reference = new Float32Array(await (await fetch("/fixtures/pixel_values.bin")).arrayBuffer());
  const pixelValues = new Tensor({ dims: [1, 3, 224, 224], data: reference });
  await model.forward({ pixelValues }); // warm-up
  const t1 = performance.now();
  const { logits } = await model.forward({ pixelValues });
  const t2 = performance.now();
  const result: PageResult = {
    top5: top5Of(model, logits),
    device: backend.device,
    numThreads: defaultNumThreads(),
    crossOriginIsolated: self.crossOriginIsolated,
    loadMs: t1 - t0,
    forwardMs: t2 - t1,
  };
  return { result, model, reference };
}

async function classifyDecoded(
  model: MobileNetV1ForImageClassification,
  reference: Float32Array,
): Promise<PageResult["decoded"]> {
  const processor = await MobileNetV1ImageProcessor.fromPretrained(MODEL);
  const { pixelValues } = await processor.preprocess(new URL("/fixtures/cats.png", location.href));
  let maxPixelDiff = 0;
  for (let i = 0; i < reference.length; i++)
    maxPixelDiff = Math.max(maxPixelDiff, Math.abs(pixelValues.data[i]! - reference[i]!));
  const { logits } = await model.forward({ pixelValues });
  return { top5: top5Of(model, logits), maxPixelDiff };
}

function top5Of(model: MobileNetV1ForImageClassification, logits: Tensor): Top5 {
  return model.topK({ logits, k: 5 })[0]!.map((p) => ({ index: p.index, label: p.label, score: p.score }));
}

async function tryWebGpu(): Promise<PageResult["webgpu"]> {
  const backend = createWebBackend({ device: "webgpu" });
  try {
    await backend.init();
    return { device: backend.device };
  } catch (error) {
    if (error instanceof BackendError) return { failures: error.failures };
    throw error;
  }
}

function render(result: PageResult): void {
  const rows = (result.decoded?.top5 ?? result.top5 ?? []).map(
    (p, i) =>
      `<tr><td>${i + 1}</td><td>${p.label}</td><td class="score">${(p.score * 100).toFixed(2)}%</td></tr>`,
  );
  document.querySelector("#top5 tbody")!.innerHTML = rows.join("");
  const decoded = result.decoded?.error
    ? `image processor: ${result.decoded.error}`
    : `decoded in the page by @mobilenetv1/image-processor (max |Δ| vs HF's pixel values ${result.decoded?.maxPixelDiff?.toExponential(1)})`;
  document.querySelector("#status")!.textContent = result.error
    ? `error: ${result.error}`
    : `${decoded}; device ${result.device}, ${result.numThreads} thread(s), cross-origin isolated: ${result.crossOriginIsolated}; ` +
      `load + warm-up ${result.loadMs!.toFixed(0)} ms, forward ${result.forwardMs!.toFixed(1)} ms. ` +
      `device "webgpu": ${result.webgpu?.device ? "started" : `failed — ${result.webgpu?.failures?.map((f) => f.reason).join("; ")}`}`;
}

const message = (e: unknown) => String(e instanceof Error ? (e.stack ?? e.message) : e);
let result: PageResult;
try {
  const classified = await classify();
  result = classified.result;
  result.decoded = await classifyDecoded(classified.model, classified.reference).catch((e: unknown) => ({
    error: message(e),
  }));
  result.webgpu = await tryWebGpu().catch((e: unknown) => ({
    failures: [{ backend: "page", reason: message(e) }],
  }));
} catch (error) {
  result = { error: message(error), crossOriginIsolated: self.crossOriginIsolated };
}
render(result);
(window as unknown as { __result: PageResult }).__result = result;
