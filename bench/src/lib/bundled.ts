import { fork, type ChildProcess, type ForkOptions } from "node:child_process";
import { fileURLToPath } from "node:url";
import { RUNTIME_FLAGS, bundleApi } from "@city137/api-server/bundle";

/**
 * Forks a bench child (the API host, the reference server) the way the API
 * runs in production: bundled by the API's own build (apps/api/bundle.mjs)
 * and run on plain node, not through tsx, with the flags of its `start`
 * script (docs/decisions/023, 035).
 */
export async function forkBundled(entry: URL, options: ForkOptions = {}): Promise<ChildProcess> {
  const source = fileURLToPath(entry);
  const name = source.split("/").slice(-2).join("-").replace(/\.ts$/, "");
  const outfile = await bundleApi({ entry: source, outfile: fileURLToPath(new URL(`../../.bundle/${name}.mjs`, import.meta.url)) });
  return fork(outfile, [], { ...options, execArgv: [...RUNTIME_FLAGS, ...(process.env.BENCH_API_FLAGS?.split(" ").filter(Boolean) ?? []), ...(options.execArgv ?? [])] });
}
