// Classifies /cats.png with the checkpoint served at /model/, on backend-web's wasm device; leaves
// { top5, device } or { error } on window.__result for the test.
import { createWebBackend } from "@mobilenetv1/backend-web";
import { MobileNetV1ForImageClassification, registerModelSource } from "@mobilenetv1/core";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";

// Browsers have no local folders: read "/model/<file>" from this page's own origin.
registerModelSource({
  source: {
    name: "http-folder",
    accepts: async (pathOrId) => pathOrId.startsWith("/"),
    open: async ({ pathOrId }) => ({
      location: pathOrId,
      async read(name) {
        const response = await fetch(`${pathOrId}/${name}`);
        return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
      },
      exists: async (name) => (await fetch(`${pathOrId}/${name}`, { method: "HEAD" })).ok,
    }),
  },
});

async function classify() {
  const backend = createWebBackend({ device: "wasm" });
  const processor = await MobileNetV1ImageProcessor.fromPretrained("/model");
  const model = await MobileNetV1ForImageClassification.fromPretrained("/model", {
    backend,
    useSafetensors: true,
  });
  const image = await (await fetch("/cats.png")).blob();
  const { pixelValues } = await processor.preprocess(image);
  const { logits } = await model.forward({ pixelValues });
  const top5 = model.topK({ logits, k: 5 })[0].map(({ label, score }) => ({ label, score }));
  await model.dispose();
  return { top5, device: backend.device };
}

window.__result = await classify().catch((error) => ({ error: String(error?.stack ?? error) }));
document.querySelector("#status").textContent = JSON.stringify(window.__result);
