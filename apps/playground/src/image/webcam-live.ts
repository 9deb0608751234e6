/** A running camera; `stop()` releases it. */
export interface LiveCamera {
  stop(): void;
}

/**
 * Starts the camera in `video` and calls `onFrame` with a canvas holding the current frame, again as
 * soon as the previous call settles (so slow devices classify fewer frames instead of queueing them).
 * Rejects when the browser has no camera or the user refuses it.
 *
 * @example
 * const camera = await startLiveCamera({ video, onFrame: (canvas) => classify(canvas) });
 * camera.stop();
 */
export async function startLiveCamera(params: {
  video: HTMLVideoElement;
  onFrame: (frame: HTMLCanvasElement) => Promise<void>;
  onError: (error: unknown) => void;
}): Promise<LiveCamera> {
  const { video } = params;
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new DOMException("this browser (or an insecure http: page) has no camera access", "NotFoundError");
  }
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: "environment", width: { ideal: 640 }, height: { ideal: 480 } },
    audio: false,
  });
  video.srcObject = stream;
  await video.play();
  const frame = document.createElement("canvas");
  let running = true;
  const loop = async () => {
    while (running) {
      if (video.videoWidth > 0) {
        frame.width = video.videoWidth;
        frame.height = video.videoHeight;
        frame.getContext("2d")!.drawImage(video, 0, 0);
        try {
          await params.onFrame(frame);
        } catch (error) {
          params.onError(error);
          break;
        }
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  };
  void loop();
  return {
    stop() {
      running = false;
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
