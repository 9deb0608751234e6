import { lstat, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { MobileNetV1Config } from "@mobilenetv1/core";
import { modelStats } from "@mobilenetv1/core/graph";
import { download } from "@mobilenetv1/hub";
import { AutoConfig } from "@mobilenetv1/pipeline";
import { writeStdout } from "../closed-output.js";
import { UsageError } from "../exit-codes.js";
import { nonEmptyOption } from "../option-values.js";

/** Options of `mobilenet info`. */
export interface InfoOptions {
  size?: string;
  revision?: string;
  cacheDir?: string;
  json?: boolean;
}

/**
 * Prints a checkpoint's config, parameter count, multiply-accumulates at an input size (default the
 * config's image_size) and the files there (a folder, or the repo's cached snapshot).
 */
export async function infoCommand(params: {
  model: string;
  options: InfoOptions;
  write?: (s: string) => void;
}): Promise<void> {
  const write = params.write ?? writeStdout;
  nonEmptyOption({ text: params.model, option: "<id|dir>" });
  nonEmptyOption({ text: params.options.revision, option: "--revision" });
  nonEmptyOption({ text: params.options.cacheDir, option: "--cache-dir" });
  const source = {
    ...(params.options.revision !== undefined ? { revision: params.options.revision } : {}),
    ...(params.options.cacheDir !== undefined ? { cacheDir: params.options.cacheDir } : {}),
  };
  // Checked before the config is fetched: a bad --size fails without touching the network.
  const size = params.options.size === undefined ? undefined : parseSize(params.options.size);
  const config = await AutoConfig.fromPretrained(params.model, source);
  if (!(config instanceof MobileNetV1Config))
    throw new UsageError({ option: "<model>", message: "info supports mobilenet_v1 models" });
  const [height, width] = size ?? [config.imageSize, config.imageSize];
  const stats = modelStats({ config, height, width });
  const folder = (await stat(params.model).catch(() => undefined))?.isDirectory()
    ? params.model
    : await download({ repoId: params.model, ...source, localFilesOnly: true }).catch(() => undefined);
  const files = folder ? await listFiles(folder) : [];
  const info = {
    model: params.model,
    config: {
      model_type: "mobilenet_v1",
      depth_multiplier: config.depthMultiplier,
      image_size: config.imageSize,
      min_depth: config.minDepth,
      num_labels: config.numLabels,
      tf_padding: config.tfPadding,
      hidden_act: config.hiddenAct,
      layer_norm_eps: config.layerNormEps,
    },
    parameters: stats.parameters,
    trainableParameters: stats.trainableParameters,
    input: { height, width },
    macs: stats.macs,
    lastHiddenStateSize: stats.outputSize,
    folder: folder ?? null,
    files,
  };
  if (params.options.json) {
    write(`${JSON.stringify(info)}\n`);
    return;
  }
  const lines = [
    `model            ${info.model}`,
    ...Object.entries(info.config).map(([k, v]) => `${k.padEnd(17)}${v}`),
    `parameters       ${stats.parameters.toLocaleString("en-US")} (${stats.trainableParameters.toLocaleString("en-US")} trainable)`,
    `MACs @ ${height}×${width}`.padEnd(17) + ` ${(stats.macs / 1e6).toFixed(1)} M`,
    `last hidden     ${stats.outputSize.height}×${stats.outputSize.width}`,
    `files            ${folder ?? "(not in the cache)"}`,
    ...files.map((f) => `  ${f.name.padEnd(28)} ${f.bytes.toLocaleString("en-US").padStart(14)} bytes`),
  ];
  write(`${lines.join("\n")}\n`);
}

/** Largest --size side: far past any real input, small enough that the MACs stay exact integers. */
const MAX_SIZE = 65_536;

/** `--size 224`, `224x192`, `224×192` or `224,192`: whole numbers from 32 to {@link MAX_SIZE}. */
function parseSize(text: string): [number, number] {
  const match = /^\s*([0-9]+)\s*(?:[x×,]\s*([0-9]+)\s*)?$/i.exec(text);
  const h = Number(match?.[1]);
  const w = Number(match?.[2] ?? match?.[1]);
  if (!match || !(h >= 32 && w >= 32 && h <= MAX_SIZE && w <= MAX_SIZE)) {
    throw new UsageError({
      option: "--size",
      message: `${JSON.stringify(text)} is not HxW with both from 32 to ${MAX_SIZE}`,
    });
  }
  return [h, w];
}

async function listFiles(folder: string): Promise<{ name: string; bytes: number }[]> {
  const names = (await readdir(folder)).sort();
  // A dangling symlink (a half-downloaded cache, a moved blob) is listed with the link's own size.
  const size = async (path: string) => (await stat(path).catch(() => lstat(path))).size;
  return Promise.all(names.map(async (name) => ({ name, bytes: await size(join(folder, name)) })));
}
