;; Pillow's 8-bit resampling passes (ImagingResampleHorizontal_8bpc / ImagingResampleVertical_8bpc) with
;; WebAssembly SIMD. Same integer arithmetic as the C code: accumulators start at 1 << 21, add
;; pixel * weight (weights in 22-bit fixed point), shift right by 22 and clip to 0..255. The clip is done by
;; saturating narrows (i32 -> i16 signed, i16 -> u8 unsigned), which equals Pillow's clip8 table for the
;; range sums can take. Tables are the zero-padded fixed-tap ones (see coefficients.ts), so every output
;; reads exactly `ksize` inputs; zero weights do not change integer sums.
;; Compiled by scripts/build-wasm.mjs into resample-simd-wasm.ts.
(module
  (memory (export "memory") 1)

  ;; Horizontal pass over rows [rowFirst, rowLast) of an image with `channels` (3 or 4) interleaved bytes
  ;; per pixel. Output pixel x in [x0, x1) reads pixels starts[x] .. starts[x] + ksize - 1 of the row.
  ;; One pixel is one i32x4 (4 bytes loaded: the pixel's channels, then the next byte, whose lane is
  ;; dropped); 4 bytes are stored and the next pixel overwrites the extra one. Needs 4 bytes of padding
  ;; after the source and after the output.
  (func (export "horizontal")
    (param $src i32) (param $width i32) (param $channels i32) (param $rowFirst i32) (param $rowLast i32)
    (param $x0 i32) (param $x1 i32) (param $ksize i32) (param $starts i32) (param $weights i32) (param $out i32)
    (local $y i32) (local $x i32) (local $t i32) (local $row i32) (local $q i32) (local $w i32) (local $acc v128)
    (local.set $y (local.get $rowFirst))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $y) (local.get $rowLast)))
        (local.set $row (i32.add (local.get $src) (i32.mul (i32.mul (local.get $y) (local.get $width)) (local.get $channels))))
        (local.set $x (local.get $x0))
        (block $columns_done
          (loop $columns
            (br_if $columns_done (i32.ge_s (local.get $x) (local.get $x1)))
            (local.set $q
              (i32.add (local.get $row)
                (i32.mul (i32.load (i32.add (local.get $starts) (i32.shl (local.get $x) (i32.const 2)))) (local.get $channels))))
            (local.set $w (i32.add (local.get $weights) (i32.shl (i32.mul (local.get $x) (local.get $ksize)) (i32.const 2))))
            (local.set $acc (i32x4.splat (i32.const 2097152)))
            (local.set $t (local.get $ksize))
            (loop $taps
              (local.set $acc
                (i32x4.add (local.get $acc)
                  (i32x4.mul
                    (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero (local.get $q))))
                    (i32x4.splat (i32.load (local.get $w))))))
              (local.set $q (i32.add (local.get $q) (local.get $channels)))
              (local.set $w (i32.add (local.get $w) (i32.const 4)))
              (local.set $t (i32.sub (local.get $t) (i32.const 1)))
              (br_if $taps (i32.gt_s (local.get $t) (i32.const 0))))
            (local.set $acc (i32x4.shr_s (local.get $acc) (i32.const 22)))
            (local.set $acc (i16x8.narrow_i32x4_s (local.get $acc) (local.get $acc)))
            (v128.store32_lane 0 (local.get $out) (i8x16.narrow_i16x8_u (local.get $acc) (local.get $acc)))
            (local.set $out (i32.add (local.get $out) (local.get $channels)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $columns)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows))))

  ;; Vertical pass: output row y in [y0, y1) sums rows starts[y] .. starts[y] + ksize - 1 of `rows`
  ;; (source row r is at rows + (r - rowsOffset) * rowLength), 16 bytes at a time. The last block of a row
  ;; may run past its end: it reads the next row (or padding) and writes bytes that the next row then
  ;; overwrites. Needs 16 bytes of padding after `rows` and after the output.
  (func (export "vertical")
    (param $rows i32) (param $rowLength i32) (param $y0 i32) (param $y1 i32) (param $rowsOffset i32)
    (param $ksize i32) (param $starts i32) (param $weights i32) (param $out i32)
    (local $y i32) (local $i i32) (local $t i32) (local $base i32) (local $p i32) (local $w i32)
    (local $k v128) (local $v v128) (local $lo v128) (local $hi v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $y (local.get $y0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $y) (local.get $y1)))
        (local.set $base
          (i32.add (local.get $rows)
            (i32.mul
              (i32.sub (i32.load (i32.add (local.get $starts) (i32.shl (local.get $y) (i32.const 2)))) (local.get $rowsOffset))
              (local.get $rowLength))))
        (local.set $i (i32.const 0))
        (block $blocks_done
          (loop $blocks
            (br_if $blocks_done (i32.ge_s (local.get $i) (local.get $rowLength)))
            (local.set $a0 (i32x4.splat (i32.const 2097152)))
            (local.set $a1 (local.get $a0))
            (local.set $a2 (local.get $a0))
            (local.set $a3 (local.get $a0))
            (local.set $p (i32.add (local.get $base) (local.get $i)))
            (local.set $w (i32.add (local.get $weights) (i32.shl (i32.mul (local.get $y) (local.get $ksize)) (i32.const 2))))
            (local.set $t (local.get $ksize))
            (loop $taps
              (local.set $k (i32x4.splat (i32.load (local.get $w))))
              (local.set $v (v128.load (local.get $p)))
              (local.set $lo (i16x8.extend_low_i8x16_u (local.get $v)))
              (local.set $hi (i16x8.extend_high_i8x16_u (local.get $v)))
              (local.set $a0 (i32x4.add (local.get $a0) (i32x4.mul (i32x4.extend_low_i16x8_u (local.get $lo)) (local.get $k))))
              (local.set $a1 (i32x4.add (local.get $a1) (i32x4.mul (i32x4.extend_high_i16x8_u (local.get $lo)) (local.get $k))))
              (local.set $a2 (i32x4.add (local.get $a2) (i32x4.mul (i32x4.extend_low_i16x8_u (local.get $hi)) (local.get $k))))
              (local.set $a3 (i32x4.add (local.get $a3) (i32x4.mul (i32x4.extend_high_i16x8_u (local.get $hi)) (local.get $k))))
              (local.set $p (i32.add (local.get $p) (local.get $rowLength)))
              (local.set $w (i32.add (local.get $w) (i32.const 4)))
              (local.set $t (i32.sub (local.get $t) (i32.const 1)))
              (br_if $taps (i32.gt_s (local.get $t) (i32.const 0))))
            (v128.store (local.get $out)
              (i8x16.narrow_i16x8_u
                (i16x8.narrow_i32x4_s (i32x4.shr_s (local.get $a0) (i32.const 22)) (i32x4.shr_s (local.get $a1) (i32.const 22)))
                (i16x8.narrow_i32x4_s (i32x4.shr_s (local.get $a2) (i32.const 22)) (i32x4.shr_s (local.get $a3) (i32.const 22)))))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $blocks)))
        ;; step back over the bytes the last block wrote past the row end
        (local.set $out (i32.sub (local.get $out) (i32.sub (local.get $i) (local.get $rowLength))))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows))))
)
