/**
 * A closed stdout or stderr (`mobilenet classify *.png | head -1`) ends the command quietly instead of
 * with Node's unhandled `EPIPE` stack. Node ignores SIGPIPE, so the closure shows as an `error` event
 * on the stream after a write; the watcher below records it, and {@link writeStdout} and
 * {@link throwIfStdoutClosed} turn it into an {@link OutputClosedError} that stops the work at the next
 * image. The CLI exits {@link EXIT.PIPE_CLOSED} (141) for it and prints nothing.
 */
import { MobileNetError } from "@mobilenetv1/core";

/** The reader of stdout went away; the command stopped. Code `OUTPUT_CLOSED` (exit 141). */
export class OutputClosedError extends MobileNetError {
  readonly stream: "stdout";

  constructor() {
    super("OUTPUT_CLOSED", "stdout was closed by its reader (EPIPE); the command stopped");
    this.stream = "stdout";
  }
}

/** Which streams have been closed by their readers in this run. */
const closed = { stdout: false, stderr: false };

/** Whether stdout's reader has gone away during this run. */
export function isStdoutClosed(): boolean {
  return closed.stdout;
}

/**
 * Throws {@link OutputClosedError} once stdout is closed, so a loop stops before its next unit of work.
 *
 * @example
 * for (const batch of batches) { throwIfStdoutClosed(); await run(batch); }
 */
export function throwIfStdoutClosed(): void {
  if (closed.stdout) throw new OutputClosedError();
}

/** Writes to stdout, or throws {@link OutputClosedError} when its reader has gone away. */
export function writeStdout(text: string): void {
  throwIfStdoutClosed();
  process.stdout.write(text);
}

/** Writes to stderr unless its reader has gone away (an error message then has nowhere to go). */
export function writeStderr(text: string): void {
  if (!closed.stderr) process.stderr.write(text);
}

/**
 * Listens for `EPIPE` (and the writes failing after it) on stdout and stderr for one run of the CLI.
 * Other stream errors are left to Node. Returns the function that removes the listeners.
 *
 * @example
 * const stop = watchClosedOutput();
 * try { await program.parseAsync(argv); } finally { stop(); }
 */
export function watchClosedOutput(): () => void {
  closed.stdout = false;
  closed.stderr = false;
  const listener = (name: "stdout" | "stderr") => (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") {
      closed[name] = true;
      return;
    }
    throw error;
  };
  const onStdout = listener("stdout");
  const onStderr = listener("stderr");
  process.stdout.on("error", onStdout);
  process.stderr.on("error", onStderr);
  return () => {
    // Still closed after the run: keep swallowing the late errors of writes already queued.
    if (!closed.stdout) process.stdout.off("error", onStdout);
    if (!closed.stderr) process.stderr.off("error", onStderr);
  };
}
