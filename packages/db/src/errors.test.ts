import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isUniqueViolation } from "./errors";

const coded = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

describe("isDatabaseUnavailable", () => {
  it("recognises refused and lost connections, shutdown and recovery, through drizzle's wrapping", () => {
    for (const code of ["ECONNREFUSED", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECT_TIMEOUT", "57P01", "57P03", "08006", "53300"]) {
      expect(isDatabaseUnavailable(coded(code)), code).toBe(true);
      expect(isDatabaseUnavailable(new Error("Failed query: insert …", { cause: coded(code) })), `wrapped ${code}`).toBe(true);
    }
    expect(isDatabaseUnavailable(new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]))).toBe(true);
  });

  it("leaves the query's own faults alone", () => {
    for (const err of [coded("23505"), coded("42P01"), coded("22P02"), new Error("boom"), null, undefined, "ECONNREFUSED"]) {
      expect(isDatabaseUnavailable(err), String(err)).toBe(false);
    }
    expect(isUniqueViolation(new Error("x", { cause: coded("23505") }))).toBe(true);
  });
});
