/**
 * Plain-text tables for `mobilenet train`'s report: the confusion matrix, with class names abbreviated so
 * the table fits a terminal, and names made safe to print (class names are folder names: anything).
 */

/**
 * A name safe to print on a terminal: control characters (an ANSI escape in a folder name could rewrite
 * the screen) become U+FFFD.
 *
 * @example
 * printable({ text: "cat\u001b[2J" }) // "cat\uFFFD[2J"
 */
export function printable(params: { text: string }): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return params.text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD");
}

/**
 * `text` cut to `width` characters (code points), ending with `…` when cut.
 *
 * @example
 * abbreviate({ text: "Ankle boot", width: 5 }) // "Ankl…"
 */
export function abbreviate(params: { text: string; width: number }): string {
  const chars = Array.from(params.text);
  if (chars.length <= params.width) return params.text;
  return `${chars.slice(0, Math.max(0, params.width - 1)).join("")}…`;
}

/**
 * A confusion matrix as text: rows are the actual classes, columns the predicted ones, and a last column
 * with each class's accuracy (its recall). Column headers are the class names abbreviated to the column
 * width that fits `maxWidth`; when abbreviations would clash (or fit no letter), columns are headed by
 * class index and each row starts with its index.
 *
 * @example
 * formatConfusionMatrix({ classNames: ["cat", "dog"], matrix: [[3, 1], [0, 4]] })
 * // "       cat  dog  accuracy\n  cat    3    1    75.0 %\n  dog    0    4   100.0 %\n"
 */
export function formatConfusionMatrix(params: {
  classNames: readonly string[];
  /** [actual][predicted] counts. */
  matrix: readonly (readonly number[])[];
  /** Widest line wanted. @default 100 */
  maxWidth?: number;
}): string {
  const names = params.classNames.map((text) => printable({ text }));
  const { matrix } = params;
  const maxWidth = params.maxWidth ?? 100;
  const k = names.length;
  const longest = Math.max(1, ...names.map((n) => Array.from(n).length));
  const digits = Math.max(1, ...matrix.flat().map((v) => String(v).length));
  const accuracyHeader = "accuracy";
  const rowLabelWidth = Math.min(24, longest);
  // Each column is its width plus two spaces; the row label has two spaces of indent and two after.
  const room = maxWidth - 4 - rowLabelWidth - (accuracyHeader.length + 2);
  const colWidth = Math.max(digits, Math.min(longest, Math.floor(room / Math.max(1, k)) - 2));
  let headers = names.map((text) => abbreviate({ text, width: colWidth }));
  // Names cut to one or two letters say nothing; short names that fit whole are fine.
  const cut = headers.some((h, i) => h !== names[i]);
  const clash = new Set(headers).size < k || (cut && colWidth < 3);
  const indexWidth = String(k - 1).length;
  if (clash) headers = names.map((_, i) => String(i));
  const width = clash ? Math.max(digits, indexWidth) : colWidth;
  // With index headers the row names are the only place the names appear: cut them only as far as the
  // width needs, keeping at least 6 characters.
  const nameWidth = clash
    ? Math.max(
        Math.min(6, rowLabelWidth),
        Math.min(
          rowLabelWidth,
          maxWidth - 4 - (indexWidth + 1) - k * (width + 2) - (accuracyHeader.length + 2),
        ),
      )
    : rowLabelWidth;
  const label = (i: number) => {
    const name = abbreviate({ text: names[i]!, width: nameWidth }).padEnd(nameWidth);
    return clash ? `${String(i).padStart(indexWidth)} ${name}` : name;
  };
  const labelWidth = clash ? indexWidth + 1 + nameWidth : nameWidth;
  const lines = [
    `  ${" ".repeat(labelWidth)}${headers.map((h) => `  ${h.padStart(width)}`).join("")}  ${accuracyHeader}`,
  ];
  for (let i = 0; i < k; i++) {
    const row = matrix[i] ?? [];
    const total = row.reduce((a, b) => a + b, 0);
    const accuracy = total > 0 ? `${(((row[i] ?? 0) / total) * 100).toFixed(1)} %` : "-";
    const cells = headers.map((_, j) => `  ${String(row[j] ?? 0).padStart(width)}`).join("");
    lines.push(`  ${label(i)}${cells}  ${accuracy.padStart(accuracyHeader.length)}`);
  }
  return `${lines.map((l) => l.trimEnd()).join("\n")}\n`;
}
