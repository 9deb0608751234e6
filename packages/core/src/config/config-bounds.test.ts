import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors/errors.js";
import { MobileNetV1Config } from "./config.js";
import {
  CONFIG_MAX_DEPTH_MULTIPLIER,
  CONFIG_MAX_IMAGE_SIZE,
  CONFIG_MAX_LAYER_NORM_EPS,
  CONFIG_MAX_MIN_DEPTH,
  CONFIG_MAX_NUM_CHANNELS,
  CONFIG_MAX_NUM_LABELS,
} from "./config-bounds.js";

function configError(json: Record<string, unknown>): ConfigError {
  try {
    MobileNetV1Config.fromJSON({ json, file: "config.json" });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`config.json ${JSON.stringify(json).slice(0, 80)} was accepted`);
}

const labels = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), `c${i}`]));

describe("config.json fields that size allocations or loops are bounded", () => {
  // [field, largest accepted value, smallest refused value]
  const bounds: [string, number, number][] = [
    ["num_labels", CONFIG_MAX_NUM_LABELS, CONFIG_MAX_NUM_LABELS + 1],
    ["image_size", CONFIG_MAX_IMAGE_SIZE, CONFIG_MAX_IMAGE_SIZE + 1],
    ["num_channels", CONFIG_MAX_NUM_CHANNELS, CONFIG_MAX_NUM_CHANNELS + 1],
    ["min_depth", CONFIG_MAX_MIN_DEPTH, CONFIG_MAX_MIN_DEPTH + 1],
    ["depth_multiplier", CONFIG_MAX_DEPTH_MULTIPLIER, CONFIG_MAX_DEPTH_MULTIPLIER * (1 + Number.EPSILON)],
    ["layer_norm_eps", CONFIG_MAX_LAYER_NORM_EPS, CONFIG_MAX_LAYER_NORM_EPS * (1 + Number.EPSILON)],
  ];
  for (const [field, under, over] of bounds) {
    it(`${field}: ${under} is read, ${over} is a ConfigError naming the field and the bound`, () => {
      const accepted = MobileNetV1Config.fromJSON({ json: { [field]: under } });
      expect(field === "num_labels" ? accepted.numLabels : accepted.toJSON()[field]).toBe(under);
      const e = configError({ [field]: over });
      expect(e.field).toBe(field);
      expect(e.value).toBe(over);
      expect(e.message.startsWith(`config.json: config.${field} = `)).toBe(true);
      expect(e.expected).toContain(String(under));
    });
  }

  it("num_labels: 1e9 and other hostile counts are refused at once, without building labels", () => {
    for (const value of [1e9, 2 ** 53, Number.MAX_VALUE, Infinity]) {
      expect(configError({ num_labels: value }).field).toBe("num_labels");
    }
  });

  it(`id2label: ${CONFIG_MAX_NUM_LABELS} entries are read, one more is a ConfigError`, () => {
    expect(MobileNetV1Config.fromJSON({ json: { id2label: labels(CONFIG_MAX_NUM_LABELS) } }).numLabels).toBe(
      CONFIG_MAX_NUM_LABELS,
    );
    const e = configError({ id2label: labels(CONFIG_MAX_NUM_LABELS + 1) });
    expect(e.field).toBe("id2label");
    expect(e.message).toMatch(/100001 entries.*at most 100000 labels/);
  });

  it("the same bounds hold for the constructor and with()", () => {
    expect(() => new MobileNetV1Config({ minDepth: CONFIG_MAX_MIN_DEPTH + 1 })).toThrow(ConfigError);
    expect(() => new MobileNetV1Config().with({ numLabels: CONFIG_MAX_NUM_LABELS + 1 })).toThrow(ConfigError);
    expect(() => new MobileNetV1Config().with({ imageSize: CONFIG_MAX_IMAGE_SIZE + 1 })).toThrow(ConfigError);
  });
});
