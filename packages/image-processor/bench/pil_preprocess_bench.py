#!/usr/bin/python3
"""PIL side of preprocess.bench.mjs: HF's slow MobileNetV1 path (PIL resize on uint8, center crop, rescale
in float64 -> float32, normalize in float32, HWC -> CHW), timed inside Python so process start-up is not
counted. Prints JSON: medians in ms, and the SHA-256 of the float32 output to check exactness.

    /usr/bin/python3 pil_preprocess_bench.py IMAGE.jpg ITERATIONS
"""
import hashlib
import json
import sys
import time

import numpy as np
from PIL import Image


def hf_pipeline(image):
    a = np.array(image)
    h, w = a.shape[:2]
    short, long = (w, h) if w <= h else (h, w)
    new_long = int(256 * long / short)
    size = (new_long, 256) if w <= h else (256, new_long)  # (height, width)
    a = np.array(Image.fromarray(a).resize((size[1], size[0]), resample=Image.BILINEAR, reducing_gap=None))
    top, left = (a.shape[0] - 224) // 2, (a.shape[1] - 224) // 2
    a = a[top : top + 224, left : left + 224]
    a = (a.astype(np.float64) * (1 / 255)).astype(np.float32)
    a = (a - np.array([0.5] * 3, dtype=np.float32)) / np.array([0.5] * 3, dtype=np.float32)
    return a.transpose(2, 0, 1)[None]


def median_ms(fn, iterations):
    for _ in range(max(3, iterations // 10)):
        fn()
    times = []
    for _ in range(iterations):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return times[len(times) // 2]


def main():
    path, iterations = sys.argv[1], int(sys.argv[2])
    image = Image.open(path).convert("RGB")
    image.load()
    h, w = image.height, image.width
    short, long = (w, h) if w <= h else (h, w)
    size = (256, int(256 * long / short)) if w <= h else (int(256 * long / short), 256)

    def decode_and_pipeline():
        im = Image.open(path)
        return hf_pipeline(im.convert("RGB"))

    out = hf_pipeline(image)
    print(json.dumps({
        "pillow": Image.__version__,
        "hfPipelineMs": median_ms(lambda: hf_pipeline(image), iterations),
        "resizeOnlyMs": median_ms(lambda: image.resize(size, Image.BILINEAR), iterations),
        "decodeAndPipelineMs": median_ms(decode_and_pipeline, iterations),
        "decodeOnlyMs": median_ms(lambda: Image.open(path).convert("RGB"), iterations),
        "pixelValuesSha256": hashlib.sha256(out.astype("<f4").tobytes()).hexdigest(),
    }))


if __name__ == "__main__":
    main()
