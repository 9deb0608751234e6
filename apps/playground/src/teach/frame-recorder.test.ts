import { describe, expect, it } from "vitest";
import { FrameRecorder } from "./frame-recorder.js";

/** Which of the frames at `times` (ms) the recorder keeps. */
function kept(recorder: FrameRecorder, times: number[]): number[] {
  return times.filter((t) => recorder.take(t) !== undefined);
}

describe("FrameRecorder", () => {
  it("keeps nothing while no button is held", () => {
    expect(kept(new FrameRecorder(), [0, 200, 400])).toEqual([]);
  });

  it("keeps the first frame at once, then about 5 a second from a 60 fps camera", () => {
    const recorder = new FrameRecorder();
    recorder.start({ classId: 7, now: 1000 });
    expect(recorder.take(1000)).toBe(7);
    // 66 frames: 1.1 s, so float rounding at the 1 s mark cannot add or drop one.
    const frames = Array.from({ length: 66 }, (_, i) => 1000 + (i + 1) * (1000 / 60));
    expect(kept(recorder, frames)).toHaveLength(5);
  });

  it("does not drift below the rate when frames arrive late", () => {
    const recorder = new FrameRecorder({ framesPerSecond: 5 });
    recorder.start({ classId: 1, now: 0 });
    // A slow device: a frame every 130 ms for 2 s keeps a frame per 200 ms slot, not one per 260 ms.
    const frames = Array.from({ length: 16 }, (_, i) => i * 130);
    expect(kept(recorder, frames).length).toBeGreaterThanOrEqual(10);
  });

  it("stops at the per-hold cap and on release; a new hold starts over", () => {
    const recorder = new FrameRecorder({ framesPerSecond: 10, maxPerHold: 3 });
    recorder.start({ classId: 2, now: 0 });
    expect(kept(recorder, [0, 100, 200, 300, 400])).toEqual([0, 100, 200]);
    recorder.stop();
    expect(recorder.recording).toBeUndefined();
    expect(kept(recorder, [500])).toEqual([]);
    recorder.start({ classId: 3, now: 600 });
    expect(recorder.take(600)).toBe(3);
  });
});
