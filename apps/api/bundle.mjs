/**
 * Builds the API into one ES module for production (`dist/main.mjs`), so it
 * runs on plain `node` instead of through tsx: tsx's loader thread and its
 * transform caches cost ~80 MiB of resident memory (docs/decisions/023).
 *
 *   node bundle.mjs                      → dist/main.mjs from src/main.ts
 *   bundleApi({ entry, outfile })        → the same for another entry (bench's api-host)
 *
 * Only the workspace's own TypeScript is bundled. Third-party packages stay
 * outside, imported by their resolved paths, exactly as Node would load them.
 * `import.meta.url` in a bundled file keeps pointing at its source file, so
 * the SQL files, migrations and translations it reads next to itself are found.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * How node runs the bundle (the `start` script, and bench's API host). The old-generation
 * ceiling keeps resident memory under load near 200 MiB instead of ~300: the live heap is
 * ~45 MB after a full collection, but with no ceiling V8 lets garbage grow to ~140 MB before
 * collecting (docs/decisions/035). A ceiling the live heap reached would end the process, so
 * raise it if a city's configuration ever grows by that much.
 */
export const RUNTIME_FLAGS = ["--enable-source-maps", "--max-old-space-size=192"];

export async function bundleApi({ entry = `${here}src/main.ts`, outfile = `${here}dist/main.mjs` } = {}) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    plugins: [
      {
        name: "workspace-only",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.path.startsWith("@city137/") || args.path.startsWith("node:") || args.pluginData === "resolving") return undefined;
            const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: "resolving" });
            if (found.errors.length || !found.path.startsWith("/")) return { external: true };
            return { path: found.path, external: true };
          });
          b.onLoad({ filter: /\.ts$/ }, async (args) => {
            const text = await readFile(args.path, "utf8");
            return { contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
          });
        },
      },
    ],
  });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${await bundleApi()}`);
}
