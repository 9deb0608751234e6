/**
 * TF-slim's MobilenetV1 variable names and the HF state-dict keys they load into, as transformers'
 * `_build_tf_to_pytorch_map` (modeling_mobilenet_v1.py) maps them, with the layout change its
 * `load_tf_weights_in_mobilenet_v1` applies to each.
 */

/** How a TF-slim variable's array becomes the HF tensor. */
export type SlimLayout = "conv" | "depthwise" | "logits" | "vector";

/** One TF-slim variable → HF key mapping. */
export interface SlimVariable {
  readonly tfName: string;
  readonly hfKey: string;
  readonly layout: SlimLayout;
}

const BATCH_NORM: readonly [tf: string, hf: string][] = [
  ["beta", "bias"],
  ["gamma", "weight"],
  ["moving_mean", "running_mean"],
  ["moving_variance", "running_var"],
];

/**
 * Every variable HF reads from a TF-slim MobileNet v1 classifier checkpoint: `MobilenetV1/Conv2d_0/…`
 * (stem), `MobilenetV1/Conv2d_{i}_depthwise/…` → `layer.{2(i-1)}`, `MobilenetV1/Conv2d_{i}_pointwise/…` →
 * `layer.{2(i-1)+1}`, each with `BatchNorm/{beta,gamma,moving_mean,moving_variance}`, and
 * `MobilenetV1/Logits/Conv2d_1c_1x1/{weights,biases}` → `classifier`.
 *
 * @example
 * tfSlimVariableMap()[0] // { tfName: "MobilenetV1/Conv2d_0/weights", hfKey: "mobilenet_v1.conv_stem.convolution.weight", layout: "conv" }
 */
export function tfSlimVariableMap(): SlimVariable[] {
  const out: SlimVariable[] = [];
  const layer = (tfScope: string, hfPrefix: string, weights: string, layout: SlimLayout) => {
    out.push({
      tfName: `MobilenetV1/${tfScope}/${weights}`,
      hfKey: `${hfPrefix}.convolution.weight`,
      layout,
    });
    for (const [tf, hf] of BATCH_NORM)
      out.push({
        tfName: `MobilenetV1/${tfScope}/BatchNorm/${tf}`,
        hfKey: `${hfPrefix}.normalization.${hf}`,
        layout: "vector",
      });
  };
  layer("Conv2d_0", "mobilenet_v1.conv_stem", "weights", "conv");
  for (let i = 1; i <= 13; i++) {
    layer(`Conv2d_${i}_depthwise`, `mobilenet_v1.layer.${2 * (i - 1)}`, "depthwise_weights", "depthwise");
    layer(`Conv2d_${i}_pointwise`, `mobilenet_v1.layer.${2 * (i - 1) + 1}`, "weights", "conv");
  }
  out.push({
    tfName: "MobilenetV1/Logits/Conv2d_1c_1x1/weights",
    hfKey: "classifier.weight",
    layout: "logits",
  });
  out.push({ tfName: "MobilenetV1/Logits/Conv2d_1c_1x1/biases", hfKey: "classifier.bias", layout: "vector" });
  return out;
}
