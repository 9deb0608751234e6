import { DEFAULT_IMAGE_CLASSIFICATION_MODEL } from "@mobilenetv1/pipeline";

/** The MobileNetV1 checkpoints Google published on the Hugging Face Hub (1001 labels, 0 = background). */
export const GOOGLE_CHECKPOINTS: readonly { id: string; description: string }[] = [
  { id: DEFAULT_IMAGE_CLASSIFICATION_MODEL, description: "depth 1.0, 224×224 (default)" },
  { id: "google/mobilenet_v1_0.75_192", description: "depth 0.75, 192×192" },
];
