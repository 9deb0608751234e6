import { MODEL_FILES } from "@mobilenetv1/core";
import { zipSync } from "fflate";

/** Anything that can list its HF files in memory: a model (`toFiles`) or an image processor. */
export interface HasFiles {
  toFiles(): Record<string, Uint8Array>;
}

/** The most class names a zip's name spells out; the rest are counted ("+3"). */
const NAMED_CLASSES = 3;
/** Each class name's share of the zip's name, in characters. */
const CLASS_SLUG_CHARS = 20;

/**
 * A file-system-safe slug of a class name: lower case ASCII letters and digits, runs of anything else as
 * one "-" (names are user input: they must not make a path, a hidden file or an unwritable name).
 *
 * @example
 * classSlug("T-shirt/top") // "t-shirt-top"
 */
export function classSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // accents split off by NFKD: "é" → "e"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, CLASS_SLUG_CHARS)
    .replace(/-+$/, "");
  return slug || "class";
}

/**
 * The downloaded folder's name, after its classes and the day it was trained (the zip is this plus ".zip").
 *
 * @example
 * trainedModelName({ classNames: ["Cat", "Dog"], date: new Date("2026-12-03T18:00:00Z") })
 * // "mobilenet-cat-dog-2026-12-03"
 */
export function trainedModelName(params: { classNames: readonly string[]; date: Date }): string {
  const { classNames, date } = params;
  const named = classNames.slice(0, NAMED_CLASSES).map(classSlug);
  const more = classNames.length > NAMED_CLASSES ? [`plus${classNames.length - NAMED_CLASSES}`] : [];
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((n) => String(n).padStart(2, "0"))
    .join("-");
  return ["mobilenet", ...named, ...more, day].join("-");
}

/**
 * The trained model as a zip of an HF folder `<folder>/`: config.json (with id2label/label2id),
 * model.safetensors and preprocessor_config.json, which `MobileNetV1ForImageClassification.fromPretrained`
 * and transformers' `from_pretrained` load once unzipped. fflate writes the zip (a kept library).
 *
 * @example
 * const zip = trainedModelZip({ model, processor, folder: "mobilenet-cat-dog-2026-12-03" });
 * Object.keys(unzipSync(zip))
 * // ["mobilenet-cat-dog-2026-12-03/config.json", ".../model.safetensors", ".../preprocessor_config.json"]
 */
export function trainedModelZip(params: {
  model: HasFiles;
  processor: HasFiles;
  folder: string;
  /** The entries' modification time. @default now */
  date?: Date;
}): Uint8Array {
  const modelFiles = params.model.toFiles();
  const processorFiles = params.processor.toFiles();
  const files: Record<string, Uint8Array> = {
    [MODEL_FILES.config]: required(modelFiles, MODEL_FILES.config),
    [MODEL_FILES.safetensors]: required(modelFiles, MODEL_FILES.safetensors),
    [MODEL_FILES.preprocessorConfig]: required(processorFiles, MODEL_FILES.preprocessorConfig),
  };
  const mtime = params.date ?? new Date();
  // float32 weights barely compress: storing them keeps the download instant; the JSON files deflate.
  return zipSync(
    {
      [params.folder]: Object.fromEntries(
        Object.entries(files).map(([name, data]) => [
          name,
          [data, { level: name === MODEL_FILES.safetensors ? 0 : 6, mtime }],
        ]),
      ),
    },
    { mtime },
  );
}

function required(files: Record<string, Uint8Array>, name: string): Uint8Array {
  const data = files[name];
  // A programming error (an int8 model's files, say), not a user's: the model Teach trains is float32.
  if (!data)
    throw new Error(`the trained model has no ${name} to export (it has ${Object.keys(files).join(", ")})`);
  return data;
}
