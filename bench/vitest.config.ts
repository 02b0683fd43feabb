import { defineConfig } from "vitest/config";

// Only the generator's pure parts are unit-tested; the benchmarks are commands, not tests.
export default defineConfig({ test: { include: ["src/**/*.test.ts"] } });
