/**
 * Gives the event loop a turn between optimizer iterations, so a browser tab keeps painting and handling
 * input during a fit, and an AbortSignal fired from a click is seen. A macrotask is needed (a resolved
 * promise would only run microtasks): `setImmediate` where it exists (Node: no 1 ms timer floor), else a
 * MessageChannel message (browsers: no 4 ms clamp that nested `setTimeout(0)` gets), else `setTimeout`.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown };
  if (typeof g.setImmediate === "function") {
    const immediate = g.setImmediate;
    return new Promise((resolve) => immediate(resolve));
  }
  if (typeof MessageChannel === "function") {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
