import { MobileNetV1Config, MobileNetV1ForImageClassification, MobileNetV1Model } from "@mobilenetv1/core";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import type { ArchitectureEntry } from "./architecture-registry.js";

/** MobileNetV1's loaders for the Auto* classes and `pipeline()`. */
export const mobilenetV1Entry: ArchitectureEntry = {
  modelType: "mobilenet_v1",
  imageProcessorTypes: ["MobileNetV1ImageProcessor", "MobileNetV1FeatureExtractor"],
  loadConfig: ({ json, file }) => MobileNetV1Config.fromJSON({ json, file }),
  loadImageClassification: ({ pathOrId, options }) =>
    MobileNetV1ForImageClassification.fromPretrained(pathOrId, options),
  loadModel: ({ pathOrId, options }) => MobileNetV1Model.fromPretrained(pathOrId, options),
  loadImageProcessor: ({ pathOrId, options }) => MobileNetV1ImageProcessor.fromPretrained(pathOrId, options),
};
