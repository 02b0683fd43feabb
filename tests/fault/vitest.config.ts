import { defineConfig } from "vitest/config";

// Fault tests: each file runs its own private Postgres cluster and API processes; one at a time.
export default defineConfig({
  test: {
    include: ["tests/fault/**/*.fault.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
  },
});
