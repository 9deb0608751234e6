/**
 * Reads the declared width and height from the first bytes of a PNG, GIF, WebP or JPEG file, without
 * decoding pixels: browsers decode inside `createImageBitmap`, so this is how the browser loader refuses
 * a decompression bomb before allocating it. Returns `undefined` for other or malformed data (the
 * decoder then reports it).
 *
 * @example
 * readImageHeader({ bytes: pngBytes }) // { format: "png", width: 640, height: 480 }
 */
export function readImageHeader(params: {
  bytes: Uint8Array;
}): { format: string; width: number; height: number } | undefined {
  const b = params.bytes;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ascii = (at: number, text: string) =>
    b.length >= at + text.length && [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));
  if (ascii(1, "PNG") && b[0] === 0x89 && ascii(12, "IHDR") && b.length >= 24) {
    return { format: "png", width: view.getUint32(16), height: view.getUint32(20) };
  }
  if ((ascii(0, "GIF87a") || ascii(0, "GIF89a")) && b.length >= 10) {
    return { format: "gif", width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return webpHeader(b, view);
  if (b[0] === 0xff && b[1] === 0xd8) return jpegHeader(b, view);
  return undefined;
}

function webpHeader(b: Uint8Array, view: DataView) {
  const chunk = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
  if (chunk === "VP8X" && b.length >= 30) {
    const width = 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16));
    const height = 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16));
    return { format: "webp", width, height };
  }
  if (chunk === "VP8L" && b.length >= 25) {
    const bits = view.getUint32(21, true);
    return { format: "webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8 " && b.length >= 30) {
    return {
      format: "webp",
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
    };
  }
  return undefined;
}

/** Walks the marker segments to the first SOFn (baseline, progressive, lossless...). */
function jpegHeader(b: Uint8Array, view: DataView) {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = view.getUint16(at + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (at + 9 > b.length) return undefined;
      return { format: "jpeg", width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    }
    at += 2 + length;
  }
  return undefined;
}
