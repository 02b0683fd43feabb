import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time (user + system, ms) used so far by the Postgres backends serving
 * one database on this machine, by pid, from /proc: the database's share of
 * a benchmark's cost, which the client and the API's own CPU do not show.
 */
export function postgresCpuByPid(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (!cmdline.startsWith("postgres:") || !cmdline.includes(` ${database} `)) continue;
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      out.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // the process ended while being read
    }
  }
  return out;
}

/** CPU ms the database's backends used between two readings (backends that appeared in between count from zero). */
export function postgresCpuSince(before: Map<number, number>, database: string): number {
  let total = 0;
  for (const [pid, ms] of postgresCpuByPid(database)) total += ms - (before.get(pid) ?? 0);
  return total;
}
