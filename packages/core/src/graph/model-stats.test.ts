import { describe, expect, it } from "vitest";
import { MobileNetV1Config } from "../config/config.js";
import { modelStats } from "./model-stats.js";

describe("modelStats", () => {
  it("counts MobileNetV1 1.0_224 as the paper does: 4.2M weights, 569M mult-adds", () => {
    // Howard et al. 2017, Table 8 (1.0 MobileNet-224): 569 million mult-adds, 4.2 million parameters;
    // both counts exclude batch norm. TF-slim's head has 1001 classes.
    const config = new MobileNetV1Config({ numLabels: 1001 });
    const stats = modelStats({ config, height: 224, width: 224 });
    // Batch-norm channels: the stem's 32, then (depthwise, pointwise) outputs of the 13 blocks.
    const pairs = [
      [32, 64],
      [64, 128],
      [128, 128],
      [128, 256],
      [256, 256],
      [256, 512],
      ...Array(5).fill([512, 512]),
      [512, 1024],
      [1024, 1024],
    ];
    const bnChannels = 32 + pairs.flat().reduce((a: number, b: number) => a + b, 0);
    expect(stats.outputSize).toEqual({ height: 7, width: 7 });
    expect(Math.round((stats.macs - 1024 * 1001) / 1e6)).toBe(568); // 568.7M (the paper rounds to 569)
    expect(stats.parameters).toBeGreaterThan(4.2e6);
    expect(stats.parameters - stats.trainableParameters).toBe(2 * bnChannels); // running mean + var
  });

  it("follows the input size and the padding mode", () => {
    const tf = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 5 });
    expect(modelStats({ config: tf, height: 225, width: 97 }).outputSize).toEqual({ height: 8, width: 4 });
    const pt = tf.with({ tfPadding: false });
    expect(modelStats({ config: pt, height: 225, width: 97 }).outputSize).toEqual({ height: 8, width: 4 });
    expect(modelStats({ config: pt, height: 33, width: 47 }).outputSize).toEqual({ height: 2, width: 2 });
  });
});
