import type { Tensor } from "@mobilenetv1/core";
import type { ResolvedImageProcessorOptions } from "@mobilenetv1/image-processor";

/**
 * Paints the model's input (pixel values [1, 3, h, w]) back as an image by undoing the processor's
 * normalize and rescale, so the user sees exactly the pixels the network got.
 */
export function drawModelInput(params: {
  canvas: HTMLCanvasElement;
  pixelValues: Tensor;
  options: ResolvedImageProcessorOptions;
}): void {
  const { canvas, pixelValues, options } = params;
  const [, channels, height, width] = pixelValues.dims as [number, number, number, number];
  const data = pixelValues.data as Float32Array;
  const perChannel = (v: number | readonly number[], c: number) => (typeof v === "number" ? v : (v[c] ?? 0));
  canvas.width = width;
  canvas.height = height;
  const image = new ImageData(width, height);
  const plane = width * height;
  for (let c = 0; c < 3; c++) {
    const source = Math.min(c, channels - 1);
    const mean = options.doNormalize ? perChannel(options.imageMean, c) : 0;
    const std = options.doNormalize ? perChannel(options.imageStd, c) : 1;
    const scale = options.doRescale ? options.rescaleFactor : 1;
    for (let i = 0; i < plane; i++) {
      // Uint8ClampedArray rounds and clamps on assignment.
      image.data[i * 4 + c] = (data[source * plane + i]! * std + mean) / scale;
    }
  }
  for (let i = 0; i < plane; i++) image.data[i * 4 + 3] = 255;
  canvas.getContext("2d")!.putImageData(image, 0, 0);
}
