import { summarize, type LatencySummary } from "./stats";

/** One call: resolves true on success, false on an error answer; a rejection counts as an error too. */
export type Call = (i: number) => Promise<boolean>;

export interface OpenLoopResult {
  targetRate: number;
  seconds: number;
  sent: number;
  ok: number;
  errors: number;
  /** Successful answers per second, first intended send to last answer. */
  achievedRate: number;
  /** From each call's intended send time (no coordinated omission), successful calls only. */
  latencyMs: LatencySummary;
}

/**
 * Open loop: call i is due at start + i / rate whatever happened to earlier
 * calls, and its latency counts from that due time, so a slow server cannot
 * slow the arrivals down and hide its queue (no coordinated omission).
 */
export async function openLoop(call: Call, rate: number, seconds: number, offset = 0): Promise<OpenLoopResult> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  let last = 0;
  const inflight: Promise<void>[] = [];
  const start = performance.now() + 20;
  const due = (i: number) => start + (i * 1000) / rate;
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < total && due(i) <= now) {
        const intended = due(i);
        inflight.push(
          call(offset + i).then(
            (ok) => {
              last = performance.now();
              if (ok) latencies.push(last - intended);
              else errors++;
            },
            () => {
              last = performance.now();
              errors++;
            },
          ),
        );
        i++;
      }
      if (i < total) setTimeout(tick, Math.max(0, due(i) - performance.now() - 0.5));
      else resolve();
    };
    tick();
  });
  await Promise.all(inflight);
  return {
    targetRate: rate,
    seconds,
    sent: total,
    ok: latencies.length,
    errors,
    achievedRate: Math.round((latencies.length / ((last - start) / 1000)) * 10) / 10,
    latencyMs: summarize(latencies),
  };
}

export interface ClosedLoopResult {
  concurrency: number;
  seconds: number;
  ok: number;
  errors: number;
  throughput: number;
  latencyMs: LatencySummary;
}

/** Closed loop: `concurrency` clients, each sending its next call when the previous answer arrives. */
export async function closedLoop(call: Call, concurrency: number, seconds: number, offset = 0): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = offset;
  const start = performance.now();
  const stopAt = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < stopAt) {
      const t0 = performance.now();
      const ok = await call(next++).catch(() => false);
      if (ok) latencies.push(performance.now() - t0);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;
  return { concurrency, seconds, ok: latencies.length, errors, throughput: Math.round((latencies.length / elapsed) * 10) / 10, latencyMs: summarize(latencies) };
}

/** N calls, `concurrency` at a time, latency per call (for the staff paths). */
export async function fixedCalls(call: Call, calls: number, concurrency: number, maxSeconds = Infinity) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < calls && performance.now() - start < maxSeconds * 1000) {
      const t0 = performance.now();
      const ok = await call(next++).catch(() => false);
      if (ok) latencies.push(performance.now() - t0);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - start) / 1000;
  return { calls: latencies.length + errors, errors, perSecond: Math.round(((latencies.length + errors) / elapsed) * 10) / 10, latencyMs: summarize(latencies) };
}
