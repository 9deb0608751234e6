import type { IncomingMessage, ServerResponse } from "node:http";

/** What a request hit: an API route, `resolve` (metadata and small files), or `content` (a file's bytes). */
export type MockRoute = "revision" | "paths-info" | "tree" | "resolve" | "content";

/** A fault the mock hub injects into the next `times` matching requests. */
export interface MockFault {
  /** @default "content" (GETs of a file's bytes, `bytes=0-0` probes excluded) */
  route?: MockRoute;
  /** Only requests for this file (resolve/content routes). */
  file?: string;
  /** @default 1 */
  times?: number;
  /** Answer with this HTTP status (e.g. 500, 503, 429). */
  status?: number;
  /** Send this many bytes of the body, then destroy the connection. */
  dropAfter?: number;
  /** Flip the first byte of the body (same length, wrong content). */
  corrupt?: boolean;
  /** Wait this long before answering (to make concurrent loads overlap). */
  delayMs?: number;
  /** Accept the request and never answer (no status, no headers): a hung server. */
  silent?: boolean;
  /** Send the headers and this many bytes of the body, then nothing more, keeping the connection open. */
  stallAfter?: number;
}

/** Takes the first fault matching the request (and counts it down); `undefined` when none does. */
export function matchFault(
  faults: MockFault[],
  request: { route: MockRoute; file: string | undefined; range: string | undefined },
): MockFault | undefined {
  const index = faults.findIndex(
    (f) =>
      (f.route ?? "content") === request.route &&
      (!f.file || f.file === request.file) &&
      !(request.route === "content" && request.range === "bytes=0-0"),
  );
  const fault = faults[index];
  if (!fault) return undefined;
  fault.times = (fault.times ?? 1) - 1;
  if (fault.times <= 0) faults.splice(index, 1);
  return fault;
}

/** Sends `bytes` (or the `Range` asked for) with `headers`, applying `fault`. */
export function sendFile(params: {
  req: IncomingMessage;
  res: ServerResponse;
  bytes: Uint8Array;
  headers: Record<string, string>;
  fault: MockFault | undefined;
  onStatus: (status: number) => void;
}): void {
  const { req, res, bytes, fault } = params;
  if (fault?.silent) return;
  if (fault?.delayMs) {
    const delayMs = fault.delayMs;
    setTimeout(() => sendFile({ ...params, fault: { ...fault, delayMs: 0 } }), delayMs);
    return;
  }
  if (fault?.status) {
    params.onStatus(fault.status);
    res.writeHead(fault.status, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error: "Injected fault" }));
    return;
  }
  let start = 0;
  let end = bytes.byteLength - 1;
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
  if (range) {
    start = Number(range[1]);
    end = range[2] ? Math.min(Number(range[2]), end) : end;
    if (start > end) {
      params.onStatus(416);
      res.writeHead(416, { "Content-Range": `bytes */${bytes.byteLength}` });
      res.end();
      return;
    }
  }
  const status = range ? 206 : 200;
  params.onStatus(status);
  let body = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start + 1);
  if (fault?.corrupt && body.byteLength > 0) {
    body = Buffer.from(body);
    body[0] = (body[0]! ^ 0xff) & 0xff;
  }
  res.writeHead(status, {
    ...params.headers,
    "Content-Type": "application/octet-stream",
    "Content-Length": String(body.byteLength),
    "Accept-Ranges": "bytes",
    ...(range ? { "Content-Range": `bytes ${start}-${end}/${bytes.byteLength}` } : {}),
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  if (fault?.stallAfter !== undefined) {
    res.flushHeaders();
    if (fault.stallAfter > 0) res.write(body.subarray(0, fault.stallAfter));
    return;
  }
  if (fault?.dropAfter !== undefined) {
    res.write(body.subarray(0, fault.dropAfter), () => res.destroy());
    return;
  }
  res.end(body);
}
