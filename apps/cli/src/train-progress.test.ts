import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  createTrainProgress,
  extractLine,
  fitLine,
  formatDuration,
  progressMode,
  type TrainProgressEvent,
} from "./train-progress.js";

/** A display in line mode on a fake clock; returns the lines written. */
function run(events: readonly (TrainProgressEvent & { at?: number })[]): string[] {
  const lines: string[] = [];
  let clock = 0;
  const display = createTrainProgress({ mode: "lines", write: (s) => lines.push(s), now: () => clock });
  for (const { at, ...event } of events) {
    if (at !== undefined) clock = at;
    display.update(event as TrainProgressEvent);
  }
  display.finish();
  return lines;
}

describe("train progress in line mode (stderr not a terminal)", () => {
  it("prints a first extraction line, then one per tenth, with images/s and an ETA", () => {
    const events = Array.from({ length: 100 }, (_, i) => ({
      stage: "extract" as const,
      done: i + 1,
      total: 100,
      at: (i + 1) * 100,
    }));
    const lines = run(events);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe("extract: 1/100 images (1 %), 10.0 images/s, ETA 10 s\n");
    expect(lines[1]).toBe("extract: 10/100 images (10 %), 10.0 images/s, ETA 9 s\n");
    expect(lines[10]).toBe("extract: 100/100 images (100 %), 10.0 images/s, ETA 0 s\n");
  });

  it("a batch that jumps several tenths prints one line", () => {
    const lines = run([
      { stage: "extract", done: 16, total: 40, at: 1000 },
      { stage: "extract", done: 32, total: 40, at: 2000 },
      { stage: "extract", done: 40, total: 40, at: 2500 },
    ]);
    expect(lines.map((l) => l.split(" ")[1])).toEqual(["16/40", "32/40", "40/40"]);
  });

  it("prints the first fit step, one per tenth of maxIter, and the last step when the fit stops early", () => {
    const fit = (iteration: number): TrainProgressEvent => ({
      stage: "fit",
      iteration,
      maxIter: 100,
      trainLoss: 1 / iteration,
      valLoss: 2 / iteration,
      valAccuracy: 0.5,
    });
    const lines = run(Array.from({ length: 37 }, (_, i) => fit(i + 1)));
    expect(lines.map((l) => l.match(/iteration (\d+)/)![1])).toEqual(["1", "10", "20", "30", "37"]);
    expect(lines[1]).toBe("fit: iteration 10/100, train loss 0.1000, val loss 0.2000, val accuracy 50.0 %\n");
  });

  it("leaves validation numbers out when there is no validation split", () => {
    expect(fitLine({ iteration: 3, maxIter: 30, trainLoss: 0.25 })).toBe(
      "fit: iteration 3/30, train loss 0.2500",
    );
    expect(extractLine({ done: 0, total: 8, seconds: 0 })).toBe("extract: 0/8 images (0 %)");
  });

  it("--no-progress prints nothing; a terminal gets bars, anything else lines", () => {
    const lines: string[] = [];
    const display = createTrainProgress({ mode: "none", write: (s) => lines.push(s) });
    display.update({ stage: "extract", done: 1, total: 1 });
    display.finish();
    expect(lines).toEqual([]);
    expect(progressMode({ progress: false, isTTY: true })).toBe("none");
    expect(progressMode({ progress: true, isTTY: true })).toBe("bars");
    expect(progressMode({ progress: true, isTTY: false })).toBe("lines");
  });

  it("formats durations for people", () => {
    expect(formatDuration({ seconds: 0.2 })).toBe("0 s");
    expect(formatDuration({ seconds: 42 })).toBe("42 s");
    expect(formatDuration({ seconds: 185 })).toBe("3 min 05 s");
    expect(formatDuration({ seconds: 7620 })).toBe("2 h 07 min");
  });
});

describe("train progress as bars (stderr a terminal)", () => {
  it("draws an extraction bar with images/s, then a fit bar, and holds warnings until the bars are done", () => {
    const drawn: string[] = [];
    const terminal = Object.assign(
      new Writable({
        write(chunk, _encoding, done) {
          drawn.push(String(chunk));
          done();
        },
      }),
      { isTTY: true, columns: 120 },
    ) as unknown as NodeJS.WriteStream;
    const written: string[] = [];
    let clock = 0;
    const display = createTrainProgress({
      mode: "bars",
      write: (s) => written.push(s),
      now: () => clock,
      terminal,
    });
    clock = 1000;
    display.update({ stage: "extract", done: 20, total: 40 });
    display.warn("warning: skipped /d/x.png: [IMAGE_DECODE] bad\n");
    expect(written).toEqual([]); // not under a bar being drawn
    clock = 2000;
    display.update({ stage: "extract", done: 40, total: 40 });
    display.update({ stage: "fit", iteration: 5, maxIter: 100, trainLoss: 0.5, valAccuracy: 0.75 });
    display.finish();
    const screen = drawn.join("");
    expect(screen).toMatch(/ extract \|.+\| 40\/40 images \| 20\.0 images\/s \| ETA/);
    expect(screen).toMatch(/ fit {5}\|.+\| iteration 5\/100 \| train loss 0\.5000, val accuracy 75\.0 %/);
    expect(written).toEqual(["warning: skipped /d/x.png: [IMAGE_DECODE] bad\n"]);
  });
});
