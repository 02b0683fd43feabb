import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";

/** Runs fn in a tight loop for ~`ms`, after a warm-up; returns ops/s and per-op percentiles from batches. */
export function measure(fn: (i: number) => void, opts: { ms?: number; batch?: number } = {}) {
  const ms = opts.ms ?? 2000;
  const batch = opts.batch ?? 1000;
  for (let i = 0; i < batch * 20; i++) fn(i);
  const perOp: number[] = [];
  let ops = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn(ops + i);
    now = process.hrtime.bigint();
    perOp.push(Number(now - t0) / batch);
    ops += batch;
  }
  perOp.sort((a, b) => a - b);
  const pct = (p: number) => perOp[Math.min(perOp.length - 1, Math.floor((p / 100) * perOp.length))]!;
  const seconds = Number(now - start) / 1e9;
  return { ops, opsPerSecond: Math.round(ops / seconds), meanNs: Math.round((seconds * 1e9) / ops), p50Ns: Math.round(pct(50)), p99Ns: Math.round(pct(99)) };
}

export function report(name: string, figures: Record<string, unknown>) {
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version };
  const out = { name, date: new Date().toISOString(), machine, ...figures };
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${name}.json`, import.meta.url), JSON.stringify(out, null, 2) + "\n");
  console.log(JSON.stringify(out, null, 2));
}
