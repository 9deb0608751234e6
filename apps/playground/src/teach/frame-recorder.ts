/** Webcam frames kept per second while a record button is held. */
export const RECORD_FRAMES_PER_SECOND = 5;
/** Most frames one hold records (the class's own cap may stop it sooner). */
export const MAX_FRAMES_PER_HOLD = 100;

/**
 * Decides which webcam frames a held record button keeps: at most {@link RECORD_FRAMES_PER_SECOND}
 * (consecutive frames of a still scene are near copies, and each costs memory and an embedding), at most
 * {@link MAX_FRAMES_PER_HOLD} per hold. No DOM: the camera loop asks `take(now)` on every frame.
 *
 * @example
 * const recorder = new FrameRecorder();
 * recorder.start({ classId: 1, now: 0 });
 * recorder.take(0) // 1 (record this frame for class 1)
 * recorder.take(50) // undefined (too soon)
 */
export class FrameRecorder {
  private classId: number | undefined;
  private last = Number.NEGATIVE_INFINITY;
  private taken = 0;
  private readonly intervalMs: number;
  private readonly maxPerHold: number;

  constructor(params: { framesPerSecond?: number; maxPerHold?: number } = {}) {
    this.intervalMs = 1000 / (params.framesPerSecond ?? RECORD_FRAMES_PER_SECOND);
    this.maxPerHold = params.maxPerHold ?? MAX_FRAMES_PER_HOLD;
  }

  /** The class being recorded, if a button is held. */
  get recording(): number | undefined {
    return this.classId;
  }

  start(params: { classId: number; now: number }): void {
    this.classId = params.classId;
    this.taken = 0;
    // The first frame is kept at once: a short tap records one example.
    this.last = params.now - this.intervalMs;
  }

  stop(): void {
    this.classId = undefined;
  }

  /** The class to add this frame to, or `undefined` to skip it. */
  take(now: number): number | undefined {
    if (this.classId === undefined || this.taken >= this.maxPerHold) return undefined;
    if (now - this.last < this.intervalMs) return undefined;
    // Steps of the interval, not `now`: a slow frame rate does not drift below the target rate.
    this.last = Math.max(this.last + this.intervalMs, now - this.intervalMs);
    this.taken++;
    return this.classId;
  }
}

/**
 * Makes `button` a hold-to-record control: pressed (pointer down, or Space/Enter held on the keyboard)
 * calls `onStart`, released (pointer up or cancelled, key up, focus lost) calls `onStop`. `aria-pressed`
 * says which, for screen readers and the tests. Call `release()` before disabling the button: a disabled
 * button receives no pointer-up, so the hold would never end.
 */
export function bindHoldButton(params: {
  button: HTMLButtonElement;
  onStart: () => void;
  onStop: () => void;
}): { release(): void } {
  const { button } = params;
  let held = false;
  const start = () => {
    if (held || button.disabled) return;
    held = true;
    button.setAttribute("aria-pressed", "true");
    params.onStart();
  };
  const stop = () => {
    if (!held) return;
    held = false;
    button.setAttribute("aria-pressed", "false");
    params.onStop();
  };
  button.setAttribute("aria-pressed", "false");
  button.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    button.setPointerCapture(event.pointerId); // released outside the button still stops
    start();
  });
  for (const name of ["pointerup", "pointercancel", "lostpointercapture", "blur"] as const) {
    button.addEventListener(name, stop);
  }
  button.addEventListener("keydown", (event) => {
    if (event.key !== " " && event.key !== "Enter") return;
    event.preventDefault(); // no click, no page scroll
    if (!event.repeat) start();
  });
  button.addEventListener("keyup", (event) => {
    if (event.key === " " || event.key === "Enter") stop();
  });
  // A context menu on long press (touch screens) would steal the hold.
  button.addEventListener("contextmenu", (event) => event.preventDefault());
  return { release: stop };
}
