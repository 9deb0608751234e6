/**
 * A minimal zip reader for torch.save archives that never trusts a size it has not checked. The central
 * directory is parsed here (not by fflate's unzipSync, which allocates every entry's declared size and
 * inflates whole entries) so that nothing is inflated before the caller knows how many bytes it needs:
 * {@link inflateEntry} writes into a buffer of exactly that size and aborts the moment a deflate stream
 * produces more, so a zip bomb costs at most the bytes its storage legitimately needs.
 */
import { Inflate } from "fflate";
import { MobileNetError } from "../errors/errors.js";

/** One central-directory record, with its sizes as declared (they may lie). */
export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflate; anything else is refused when read. */
  readonly compression: number;
  readonly packedSize: number;
  readonly declaredSize: number;
  /** Offset of the entry's data (after its local header) in the file. */
  readonly dataOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;
/** Compressed bytes handed to the inflater per step: deflate expands at most ~1032×, so ~4 MiB out per step. */
const INFLATE_STEP_BYTES = 4096;

/**
 * Lists a zip's entries from its central directory (zip64 included), checking every offset and size
 * against the file: `fail` is called with a message for anything that does not fit.
 */
export function listZipEntries(bytes: Uint8Array, fail: (message: string) => never): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => (at + 2 <= bytes.byteLength ? view.getUint16(at, true) : fail("truncated"));
  const u32 = (at: number) => (at + 4 <= bytes.byteLength ? view.getUint32(at, true) : fail("truncated"));
  const u64 = (at: number) => {
    const v = at + 8 <= bytes.byteLength ? view.getBigUint64(at, true) : fail("truncated");
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : fail(`zip64 value ${v} is out of range`);
  };
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  let eocd = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) fail("no end-of-central-directory record (truncated or not a zip)");
  let count = u16(eocd + 10);
  let cdOffset = u32(eocd + 16);
  if (eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR) {
    const z = u64(eocd - 12);
    if (u32(z) !== ZIP64_EOCD) fail(`zip64 end record at ${z} has a bad signature`);
    count = u64(z + 32);
    cdOffset = u64(z + 48);
  }
  // A central-directory record takes >= 46 bytes: a larger entry count is a corrupt (or hostile) count.
  if (count > bytes.byteLength / 46) fail(`${count} entries cannot fit in ${bytes.byteLength} bytes`);
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) fail(`central directory record ${i} at byte ${at} has a bad signature`);
    const compression = u16(at + 10);
    let packedSize = u32(at + 20);
    let declaredSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    if (at + 46 + nameLength + extraLength > bytes.byteLength) fail(`record ${i} runs past the file`);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // zip64 extra field (id 1): 8-byte values, in this order, for each 32-bit field that is 0xFFFFFFFF.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = u16(x);
      const size = u16(x + 2);
      if (id === 1) {
        let p = x + 4;
        const next = (): number => {
          if (p + 8 > x + 4 + size) fail(`${name}: zip64 extra field is too short`);
          p += 8;
          return u64(p - 8);
        };
        if (declaredSize === U32_MAX) declaredSize = next();
        if (packedSize === U32_MAX) packedSize = next();
        if (localOffset === U32_MAX) localOffset = next();
      }
      x += 4 + size;
    }
    if (u32(localOffset) !== LOCAL) fail(`${name}: local header at byte ${localOffset} has a bad signature`);
    const dataOffset = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (dataOffset + packedSize > bytes.byteLength) {
      fail(`${name}: ${packedSize} packed bytes at byte ${dataOffset} run past the end of the file`);
    }
    entries.push({ name, compression, packedSize, declaredSize, dataOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The entry's bytes, which must be exactly `size` bytes once unpacked. Stored entries are returned as a view;
 * deflated ones are inflated into a buffer of `size` bytes, a few KiB of input at a time, and the inflater
 * is abandoned as soon as its output passes `size` (so a lying or hostile stream never costs more memory).
 */
export function readZipEntry(params: {
  bytes: Uint8Array;
  entry: ZipEntry;
  size: number;
  fail: (message: string) => never;
  /** Called (and must throw) the moment a deflate stream passes `size`. */
  inflatesPast: () => never;
}): Uint8Array {
  const { bytes, entry, size, fail } = params;
  const packed = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.packedSize);
  if (entry.compression === 0) {
    if (packed.byteLength !== size) fail(`${entry.name} holds ${packed.byteLength} bytes, expected ${size}`);
    return packed;
  }
  if (entry.compression !== 8) fail(`${entry.name} uses compression method ${entry.compression}`);
  const out = new Uint8Array(size);
  let written = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.byteLength > size) params.inflatesPast();
    out.set(chunk, written);
    written += chunk.byteLength;
    done ||= final;
  });
  try {
    for (let at = 0; at < packed.byteLength && !done; at += INFLATE_STEP_BYTES) {
      const end = Math.min(at + INFLATE_STEP_BYTES, packed.byteLength);
      inflater.push(packed.subarray(at, end), end === packed.byteLength);
    }
  } catch (cause) {
    if (cause instanceof MobileNetError) throw cause;
    fail(`${entry.name}: corrupt deflate data (${(cause as Error).message})`);
  }
  if (written !== size) fail(`${entry.name} inflates to ${written} bytes, expected ${size} (truncated?)`);
  return out;
}
