/**
 * Prometheus metrics (prom-client), in a registry of the server's own so two servers in one process (tests)
 * do not mix their counts.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** The server's metrics; `registry.metrics()` is what `GET /metrics` answers. */
export interface ServeMetrics {
  readonly registry: Registry;
  /** `mobilenet_serve_requests_total{route, method, status}` */
  readonly requests: Counter<"route" | "method" | "status">;
  /** `mobilenet_serve_request_duration_seconds{route, method}` */
  readonly latency: Histogram<"route" | "method">;
  /** `mobilenet_serve_batch_size`: images per forward pass. */
  readonly batchSize: Histogram;
  /** `mobilenet_serve_batch_requests`: requests sharing one forward pass. */
  readonly batchRequests: Histogram;
  /** `mobilenet_serve_inference_duration_seconds`: one forward pass. */
  readonly inference: Histogram;
  /** `mobilenet_serve_requests_in_flight`: POST requests received and not yet answered. */
  readonly inFlight: Gauge;
}

const SIZE_BUCKETS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64];

/**
 * Creates the metrics, with `queueDepth()` read at scrape time for `mobilenet_serve_queue_depth`.
 *
 * @example
 * const metrics = createMetrics({ queueDepth: () => batcher.depth });
 * await metrics.registry.metrics() // "# HELP mobilenet_serve_requests_total ..."
 */
export function createMetrics(params: { queueDepth: () => number; processMetrics?: boolean }): ServeMetrics {
  const registry = new Registry();
  if (params.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  new Gauge({
    name: "mobilenet_serve_queue_depth",
    help: "Requests admitted and not yet running (being decoded or waiting for the model)",
    registers: [registry],
    collect() {
      this.set(params.queueDepth());
    },
  });
  return {
    registry,
    requests: new Counter({
      name: "mobilenet_serve_requests_total",
      help: "HTTP requests by route pattern, method and status code",
      labelNames: ["route", "method", "status"],
      registers: [registry],
    }),
    latency: new Histogram({
      name: "mobilenet_serve_request_duration_seconds",
      help: "HTTP request latency by route pattern and method",
      labelNames: ["route", "method"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    batchSize: new Histogram({
      name: "mobilenet_serve_batch_size",
      help: "Images per forward pass",
      buckets: SIZE_BUCKETS,
      registers: [registry],
    }),
    batchRequests: new Histogram({
      name: "mobilenet_serve_batch_requests",
      help: "Requests sharing one forward pass",
      buckets: SIZE_BUCKETS,
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: "mobilenet_serve_requests_in_flight",
      help: "Inference (POST) requests received and not yet answered",
      registers: [registry],
    }),
    inference: new Histogram({
      name: "mobilenet_serve_inference_duration_seconds",
      help: "Duration of one forward pass",
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers: [registry],
    }),
  };
}
