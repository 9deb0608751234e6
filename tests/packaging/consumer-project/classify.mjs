// Runs in the consumer project outside the workspace, on the packed tarballs as npm installed them.
// Usage: node classify.mjs <image> <model folder>   → prints the top-5 as JSON
import "@mobilenetv1/backend-node";
import { pipeline } from "@mobilenetv1/pipeline";

const [image, model] = process.argv.slice(2);
const classify = await pipeline("image-classification", model, { backend: "node" });
const top5 = await classify(image, { topK: 5 });
await classify.dispose();
console.log(JSON.stringify(top5));
