import type { DataType, Tensor } from "../tensor.js";

/**
 * Tensors by HF state-dict key (e.g. `mobilenet_v1.layer.0.convolution.weight`), in file order.
 * Readers keep the dtype they found; the model loader converts to float32 where it needs to.
 */
export type StateDict = Map<string, Tensor<DataType>>;
