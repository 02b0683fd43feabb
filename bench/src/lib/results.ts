import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

const dir = new URL("../../results/", import.meta.url);

/** Writes bench/results/<name>.json with the date and the machine, and returns the path. */
export function writeResult(name: string, figures: Record<string, unknown>): string {
  // The load average shows how much else the shared machine was doing when the run ended.
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage: loadavg().map((x) => Math.round(x * 10) / 10) };
  const out = { name, date: new Date().toISOString(), machine, ...figures };
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${name}.json`, dir);
  writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
  return file.pathname;
}
