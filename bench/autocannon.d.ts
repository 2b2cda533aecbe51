/** The slice of autocannon's programmatic API that bench/ uses (the package ships no types). */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    headers?: Record<string, string>;
    /** Requests per second across all connections; unlimited when absent. */
    overallRate?: number;
    /** Seconds. */
    timeout?: number;
    /** Request templates each connection cycles through; setupRequest may rewrite each one. */
    requests?: Array<{
      setupRequest?: (request: { headers?: Record<string, string> }) => {
        headers?: Record<string, string>;
      };
    }>;
  }

  interface Histogram {
    average: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p99: number;
  }

  interface Result {
    /** Seconds, as measured. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    requests: Histogram;
    latency: Histogram;
    statusCodeStats: Record<string, { count: number }>;
  }

  /** Emits `response` (client, statusCode, bytes, responseTimeMs) for every response. */
  interface Instance extends EventEmitter, PromiseLike<Result> {}

  function autocannon(options: Options): Instance;
  export default autocannon;
  export type { Options, Result, Instance };
}
