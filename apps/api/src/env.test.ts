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

  it("keeps attachments on local disk unless an S3 bucket is named, and then needs its address and keys", () => {
    expect(readEnv({}).FILES_DIR).toMatch(/\.data\/files$/);
    expect(readEnv({}).S3_BUCKET).toBeUndefined();
    const s3 = { S3_BUCKET: "attachments", S3_ENDPOINT: "https://s3.example.ir", S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "secret" };
    expect(readEnv(s3)).toMatchObject({ ...s3, S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: true });
    expect(() => readEnv({ S3_BUCKET: "attachments", S3_ENDPOINT: "ftp://x" })).toThrow(
      /S3_ENDPOINT: must be an http\(s\):\/\/ URL[\s\S]*S3_ACCESS_KEY_ID: required when S3_BUCKET is set[\s\S]*S3_SECRET_ACCESS_KEY: required/,
    );
    expect(() => readEnv({ S3_ACCESS_KEY_ID: "id" })).toThrow(/S3_BUCKET: required when the other S3_ variables are set/);
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
