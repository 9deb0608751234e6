/**
 * `mobilenet train`'s progress on stderr: two stages, feature extraction (images done of total, images/s,
 * ETA) then fitting (iteration, losses, validation accuracy). On a terminal they are cli-progress bars;
 * into a file or a pipe (CI logs) a plain line every ~10 % of each stage, since a redrawn bar there is
 * just noise; with `--no-progress`, nothing (as `mobilenet download --no-progress`).
 */
import cliProgress from "cli-progress";
import { writeStderr } from "./closed-output.js";

/** The events `trainClassifier`'s `onProgress` reports (the shape of @mobilenetv1/train's contract). */
export type TrainProgressEvent =
  | { stage: "extract"; done: number; total: number }
  | {
      stage: "fit";
      iteration: number;
      maxIter: number;
      trainLoss: number;
      valLoss?: number;
      valAccuracy?: number;
    };

/** How progress is shown: bars (a TTY), a line per ~10 % (anything else), or not at all. */
export type ProgressMode = "bars" | "lines" | "none";

/** A progress display for one training run. */
export interface TrainProgressDisplay {
  /** Takes one event from `trainClassifier`'s `onProgress`. */
  update(event: TrainProgressEvent): void;
  /**
   * Writes a warning line: at once, or after the bars when they are drawn (a line written under a bar
   * being redrawn would be overwritten).
   */
  warn(line: string): void;
  /** Ends the display (stops the bars; in line mode, prints the last fit step if it was not printed). */
  finish(): void;
}

/**
 * The mode for this process: nothing when `progress` is false, bars when stderr is a terminal, lines
 * otherwise.
 *
 * @example
 * progressMode({ progress: true, isTTY: false }) // "lines"
 */
export function progressMode(params: { progress: boolean; isTTY: boolean }): ProgressMode {
  if (!params.progress) return "none";
  return params.isTTY ? "bars" : "lines";
}

/**
 * Creates the display. Rates and ETAs count from this call, so create it right before training starts.
 *
 * @example
 * const display = createTrainProgress({ mode: "lines" });
 * display.update({ stage: "extract", done: 10, total: 100 });
 * // stderr: "extract: 10/100 images (10 %), 25.0 images/s, ETA 4 s"
 */
export function createTrainProgress(params: {
  mode: ProgressMode;
  /** Where lines and bars go. @default stderr (nothing once its reader has gone) */
  write?: (s: string) => void;
  /** Milliseconds clock, for tests. @default performance.now */
  now?: () => number;
  /** The terminal the bars are drawn on. @default process.stderr */
  terminal?: NodeJS.WriteStream;
}): TrainProgressDisplay {
  const write = params.write ?? writeStderr;
  const now = params.now ?? (() => performance.now());
  if (params.mode === "none") return { update: () => {}, warn: write, finish: () => {} };
  return params.mode === "bars"
    ? barDisplay({ write, now, terminal: params.terminal ?? process.stderr })
    : lineDisplay({ write, now });
}

/**
 * The first step of each stage (a log shows at once that it started), then one line per tenth, and the
 * last step (the fit may stop early, before its last tenth, so its last step is printed when the display
 * finishes).
 */
function lineDisplay(params: { write: (s: string) => void; now: () => number }): TrainProgressDisplay {
  const { write, now } = params;
  const start = now();
  const printed = { extract: -1, fit: -1 };
  let pendingFit: string | undefined;
  return {
    update(event) {
      if (event.stage === "extract") {
        const tenth = Math.floor((10 * event.done) / Math.max(1, event.total));
        if (tenth <= printed.extract) return;
        printed.extract = tenth;
        write(`${extractLine({ ...event, seconds: (now() - start) / 1000 })}\n`);
        return;
      }
      const line = fitLine(event);
      const tenth = Math.floor((10 * event.iteration) / Math.max(1, event.maxIter));
      if (tenth <= printed.fit) {
        pendingFit = line;
        return;
      }
      printed.fit = tenth;
      pendingFit = undefined;
      write(`${line}\n`);
    },
    warn: write,
    finish() {
      if (pendingFit !== undefined) write(`${pendingFit}\n`);
      pendingFit = undefined;
    },
  };
}

/** cli-progress bars, one per stage, the finished one left on screen. */
function barDisplay(params: {
  write: (s: string) => void;
  now: () => number;
  terminal: NodeJS.WriteStream;
}): TrainProgressDisplay {
  const start = params.now();
  const held: string[] = [];
  const options = { stream: params.terminal, hideCursor: true, clearOnComplete: false, etaBuffer: 50 };
  const extract = new cliProgress.SingleBar(
    {
      ...options,
      format: " extract |{bar}| {value}/{total} images | {rate} images/s | ETA {eta_formatted}",
    },
    cliProgress.Presets.shades_classic,
  );
  const fit = new cliProgress.SingleBar(
    { ...options, format: " fit     |{bar}| iteration {value}/{total} | {losses}" },
    cliProgress.Presets.shades_classic,
  );
  let stage: "none" | "extract" | "fit" = "none";
  return {
    update(event) {
      if (event.stage === "extract") {
        const rate = ratePerSecond({ done: event.done, seconds: (params.now() - start) / 1000 });
        if (stage === "none") extract.start(event.total, 0, { rate: "-" });
        stage = "extract";
        extract.update(event.done, { rate: rate === undefined ? "-" : rate.toFixed(1) });
        return;
      }
      if (stage !== "fit") {
        if (stage === "extract") extract.stop();
        fit.start(event.maxIter, 0, { losses: "" });
        stage = "fit";
      }
      fit.update(event.iteration, { losses: fitLine(event).replace(/^fit: iteration \d+\/\d+, /, "") });
    },
    warn(line) {
      if (stage === "none") params.write(line);
      else held.push(line);
    },
    finish() {
      if (stage === "extract") extract.stop();
      if (stage === "fit") fit.stop();
      stage = "none";
      for (const line of held.splice(0)) params.write(line);
    },
  };
}

/** `extract: 40/100 images (40 %), 12.5 images/s, ETA 5 s`. */
export function extractLine(params: { done: number; total: number; seconds: number }): string {
  const { done, total, seconds } = params;
  const percent = Math.floor((100 * done) / Math.max(1, total));
  const rate = ratePerSecond({ done, seconds });
  const speed =
    rate === undefined
      ? ""
      : `, ${rate.toFixed(1)} images/s, ETA ${formatDuration({ seconds: (total - done) / rate })}`;
  return `extract: ${done}/${total} images (${percent} %)${speed}`;
}

/** `fit: iteration 20/100, train loss 0.4123, val loss 0.5012, val accuracy 83.3 %`. */
export function fitLine(params: Omit<Extract<TrainProgressEvent, { stage: "fit" }>, "stage">): string {
  const parts = [
    `fit: iteration ${params.iteration}/${params.maxIter}`,
    `train loss ${params.trainLoss.toFixed(4)}`,
  ];
  if (params.valLoss !== undefined) parts.push(`val loss ${params.valLoss.toFixed(4)}`);
  if (params.valAccuracy !== undefined) parts.push(`val accuracy ${(params.valAccuracy * 100).toFixed(1)} %`);
  return parts.join(", ");
}

function ratePerSecond(params: { done: number; seconds: number }): number | undefined {
  return params.seconds > 0 && params.done > 0 ? params.done / params.seconds : undefined;
}

/**
 * A duration for people: `0 s`, `42 s`, `3 min 05 s`, `2 h 07 min`.
 *
 * @example
 * formatDuration({ seconds: 185 }) // "3 min 05 s"
 */
export function formatDuration(params: { seconds: number }): string {
  const s = Math.max(0, Math.round(params.seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}
