/**
 * The header of a NumPy `.npy` file (format version 1.0) for a C-order little-endian float32 array, byte
 * for byte what `numpy.save` writes, so `numpy.load(file)` reads our embeddings with no custom code.
 *
 * Written here rather than with npyjs (the kept npm package, whose `dump` writes .npy too) because
 * `dump` pads the header to 8 bytes where the format asks for 64 (numpy/lib/format.py: "the total of
 * len(magic string) + 2 + len(length) + HEADER_LEN [is] evenly divisible by 64 for alignment purposes"),
 * needs the whole array in one buffer (we stream rows batch by batch), and brings cross-fetch into the CLI.
 * The header is one Python dict literal; the test compares our bytes with a file numpy itself wrote.
 */

/** `\x93NUMPY` then version 1.0. */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00];

/** numpy.lib.format.ARRAY_ALIGN: the data starts at a multiple of 64 bytes. */
const ARRAY_ALIGN = 64;

/** numpy.lib.format.GROWTH_AXIS_MAX_DIGITS: spare room after the dict for the first axis to grow. */
const GROWTH_AXIS_MAX_DIGITS = 21;

/** Largest header a version 1.0 file can hold (its length field is a uint16). */
const MAX_HEADER_LENGTH = 0xffff;

/**
 * The magic string, version, header length and header dict of a float32 array of `shape`, padded with
 * spaces and ended by `\n` as numpy pads it. The array's bytes (little-endian float32, C order) follow.
 *
 * @example
 * const header = npyFloat32Header({ shape: [2, 768] });
 * header.length // 128
 * new TextDecoder().decode(header.subarray(10)) // "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 768), }   …\n"
 */
export function npyFloat32Header(params: { shape: readonly number[] }): Uint8Array {
  const { shape } = params;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`npy shape ${JSON.stringify(shape)}`);
  }
  // Python's repr of a tuple: a 1-tuple keeps its trailing comma.
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  // numpy leaves room for the first axis to grow to GROWTH_AXIS_MAX_DIGITS (21) digits in place
  // (format._write_array_header), then pads with spaces so the data starts at a multiple of 64, counting
  // the final "\n"; a header already aligned still gets 64 spaces (format._wrap_header).
  const growth = shape.length > 0 ? Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length) : 0;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${tuple}, }${" ".repeat(growth)}`;
  const unpadded = MAGIC.length + 2 + dict.length + 1;
  const padding = ARRAY_ALIGN - (unpadded % ARRAY_ALIGN);
  const header = `${dict}${" ".repeat(padding)}\n`;
  if (header.length > MAX_HEADER_LENGTH) throw new RangeError(`npy header of ${header.length} bytes`);
  const out = new Uint8Array(MAGIC.length + 2 + header.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint16(MAGIC.length, header.length, true);
  // The dict is ASCII (digits, quotes, letters), so one char is one byte.
  for (let i = 0; i < header.length; i++) out[MAGIC.length + 2 + i] = header.charCodeAt(i);
  return out;
}
