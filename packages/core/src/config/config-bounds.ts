/**
 * Upper bounds on the config.json fields that size an allocation or a loop. A config.json comes from
 * outside (a download, a folder): `num_labels: 1e9` would otherwise build a billion label names, and
 * `min_depth: 1e9` a network of billion-channel layers. Each bound is far above any real checkpoint.
 */

/** `num_labels` and `id2label` entries: ImageNet-21k, the largest label set in use, has 21 843 classes. */
export const CONFIG_MAX_NUM_LABELS = 100_000;
/** `image_size`: checkpoints are trained at 128–224 px; 8192 px is 1300× the pixels of 224². */
export const CONFIG_MAX_IMAGE_SIZE = 8192;
/** `num_channels`: images have 1–4 channels; 64 leaves room for multispectral input, keeps the stem conv small. */
export const CONFIG_MAX_NUM_CHANNELS = 64;
/** `depth_multiplier` (α): published checkpoints use 0.25–1.0; α = 8 already means 8192-channel layers (270M weights). */
export const CONFIG_MAX_DEPTH_MULTIPLIER = 8;
/** `min_depth`: the widest MobileNetV1 layer at α = 1 has 1024 channels; a floor above 8192 is not a MobileNet. */
export const CONFIG_MAX_MIN_DEPTH = 8192;
/** `layer_norm_eps`: batch-norm epsilons are 1e-5–1e-3; an epsilon above 1 swamps the variance. */
export const CONFIG_MAX_LAYER_NORM_EPS = 1;
