import { describe, expect, it } from "vitest";
import { readEnv } from "./env";

describe("environment", () => {
  it("defaults to the embedded database with demo data", () => {
    const env = readEnv({});
    expect(env).toMatchObject({ PORT: 4137, HOST: "127.0.0.1", seedDemo: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("does not seed demo data on Postgres unless asked", () => {
    expect(readEnv({ DATABASE_URL: "postgres://app_user@db/city137" }).seedDemo).toBe(false);
    expect(readEnv({ DATABASE_URL: "postgres://app_user@db/city137", SEED_DEMO: "true" }).seedDemo).toBe(true);
  });

  it("runs the job workers unless JOBS=off", () => {
    expect(readEnv({}).JOBS).toBe("on");
    expect(readEnv({ JOBS: "off" }).JOBS).toBe("off");
    expect(() => readEnv({ JOBS: "maybe" })).toThrow(/JOBS: must be on or off/);
  });

  it("names every malformed variable in one message", () => {
    expect(() => readEnv({ DATABASE_URL: "mysql://x", PORT: "eighty" })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ connection URL[\s\S]*PORT: must be a port number|PORT: must be a port number[\s\S]*DATABASE_URL/,
    );
  });
});
