import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MobileNetV1Config, type MobileNetV1ConfigParams } from "../config/config.js";
import { randomInitWeights } from "../model/random-init.js";
import { buildGraph, type GraphOutput } from "./build-graph.js";

// SHA-256 of buildGraph's bytes, recorded from the builder as it was BEFORE output_stride, the TF-slim
// pooling head and feature layers existed (commit f88fa6f). The options must leave HF's network
// untouched: default options, explicit defaults and no options at all give these exact bytes.
const BEFORE_OPTIONS: [string, MobileNetV1ConfigParams, GraphOutput[], string][] = [
  [
    "d025-logits",
    { depthMultiplier: 0.25, numLabels: 10 },
    ["logits"],
    "1c7529e97f7862d6e9bccbbc66561f41eaacf391532ab3d9bb012718212e16de",
  ],
  [
    "d025-all",
    { depthMultiplier: 0.25, numLabels: 10 },
    ["logits", "pooler_output", "last_hidden_state", "hidden_states"],
    "bf18089b478ebeb135cc1bf93437605da1ef3423aac6dcf50f1fef8ce737172b",
  ],
  [
    "d05-notf-relu",
    { depthMultiplier: 0.5, numLabels: 5, tfPadding: false, hiddenAct: "relu" },
    ["logits", "last_hidden_state"],
    "fbe08b7f16c1af8f645dff22da0843fc2c053fd3864c1f00557ecb73acb171d4",
  ],
  [
    "d1-nolabels",
    { depthMultiplier: 1, numLabels: 0 },
    ["logits"],
    "80cb064ff000eb0a33bd84a7fabd909e5c85fe7a4a87a217cc3f0934c5b74a7e",
  ],
];

describe("default graph bytes are unchanged by the graph options", () => {
  for (const [name, params, outputs, sha256] of BEFORE_OPTIONS) {
    it(name, () => {
      const config = new MobileNetV1Config(params);
      const weights = randomInitWeights({ config, withClassifier: true, seed: 7 });
      const hash = (options?: Parameters<typeof buildGraph>[0]["options"]) =>
        createHash("sha256")
          .update(buildGraph({ config, weights: (k) => weights.get(k)!, outputs, options }).onnx)
          .digest("hex");
      expect(hash()).toBe(sha256);
      expect(hash({})).toBe(sha256);
      expect(hash({ outputStride: 32, poolingHead: "global" })).toBe(sha256);
    });
  }
});
