import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "./env";
import { createLogger } from "./logger";
import { optionsFromEnv, startApiServer, type RunningApi } from "./server";

let api: RunningApi;
beforeAll(async () => {
  api = await startApiServer({ port: 0, seed: true, jobs: true });
});
afterAll(() => api?.close());

describe("job workers in the API process", () => {
  it("are on by default from the environment, off with JOBS=off, and off unless asked when started directly", () => {
    const log = createLogger("silent");
    expect(optionsFromEnv(readEnv({}), log).jobs).toBe(true);
    expect(optionsFromEnv(readEnv({ JOBS: "off" }), log).jobs).toBe(false);
  });

  it("start with the API and take work", async () => {
    expect(api.jobs).not.toBeNull();
    // One relay per demo city, less any the every-minute tick has already queued.
    const queued = await api.jobs!.relayNow();
    expect(queued).toBeGreaterThanOrEqual(0);
    expect(queued).toBeLessThanOrEqual(4);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });
});
