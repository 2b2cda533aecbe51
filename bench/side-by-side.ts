/**
 * Two endpoints measured side by side: a warm-up of each, then rounds a, b, b, a, a, b, …
 * with the same connections and duration; the ratio of mean req/s is what stays comparable
 * on a small shared machine. The mirrored order cancels a steady drift during the run (a server
 * still warming up, a neighbour calming down), which a, b, a, b would charge to a.
 */
import { measure, type LoadOptions, type Measurement } from "./load";
import { verdict, type Side, type Verdict } from "./report";

export interface Endpoint {
  label: string;
  path: string;
  url: string;
  headers: Record<string, string>;
  /** Header sets sent in turn, one per request (see LoadOptions). */
  rotate?: Array<Record<string, string>>;
  /** The status every answer must have (default: any 2xx). */
  status?: number;
}

export interface Comparison {
  a: Side;
  b: Side;
  ratio: number;
  target: number;
  verdict: Verdict;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const request = (e: Endpoint) => ({ headers: e.headers, rotate: e.rotate, status: e.status });

export async function sideBySide(
  sides: [Endpoint, Endpoint],
  options: { connections: number; durationS: number; warmupS: number; rounds: number },
  target: number,
): Promise<Comparison> {
  const load: LoadOptions = { connections: options.connections, durationS: options.durationS };
  const rounds: Measurement[][] = sides.map(() => []);
  for (const s of sides) {
    console.log(`  warm-up ${s.path} (${options.warmupS} s)`);
    await measure(s.url, { ...load, ...request(s), durationS: options.warmupS });
  }
  for (let round = 1; round <= options.rounds; round++) {
    const order = round % 2 === 1 ? [0, 1] : [1, 0];
    for (const i of order) {
      const s = sides[i]!;
      console.log(`  round ${round}: ${s.label} ${s.path} (${options.durationS} s)`);
      rounds[i]!.push(await measure(s.url, { ...load, ...request(s) }));
    }
  }
  const [a, b] = sides.map((s, i): Side => ({
    label: s.label,
    path: s.path,
    rounds: rounds[i]!,
    mean: {
      requestsPerS: mean(rounds[i]!.map((x) => x.requestsPerS)),
      p50Ms: mean(rounds[i]!.map((x) => x.p50Ms)),
      p99Ms: mean(rounds[i]!.map((x) => x.p99Ms)),
    },
  })) as [Side, Side];
  const ratio = a.mean.requestsPerS / b.mean.requestsPerS;
  const valid = [...a.rounds, ...b.rounds].every((x) => x.failures === 0);
  return { a, b, ratio, target, verdict: verdict(ratio >= target, valid) };
}
