import { describe, expect, it } from "vitest";
import { afterFailure, afterSuccess, isLocked, LOCKOUT, SESSION, sessionExpired } from "./lockout";
import { hashPassword, passwordProblem, verifyPassword } from "./password";
import { cityToken, hashSecret, newSessionSecret, parseSessionToken, platformToken } from "./session-token";
import { validateRoleAssignment } from "./roles";

describe("passwords", () => {
  it("verifies the right password only, with parameters stored in the hash", async () => {
    const hash = await hashPassword("رمز عبور بلند ۱۲۳", { N: 2 ** 12 });
    expect(hash).toMatch(/^scrypt\$4096\$8\$1\$/);
    expect(await verifyPassword("رمز عبور بلند ۱۲۳", hash)).toBe(true);
    expect(await verifyPassword("رمز عبور بلند 123", hash)).toBe(false);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });
  it("salts every hash", async () => {
    expect(await hashPassword("same-password", { N: 2 ** 10 })).not.toBe(await hashPassword("same-password", { N: 2 ** 10 }));
  });
  it("asks for length, not composition", () => {
    expect(passwordProblem("short")).toBe("validation.passwordTooShort");
    // ASVS 2.1.1: twelve characters at least, counted as characters (Persian letters are one each)
    expect(passwordProblem("elevenchars")).toBe("validation.passwordTooShort");
    expect(passwordProblem("twelve chars")).toBeNull();
    expect(passwordProblem("گذرواژهٔ بلند")).toBeNull();
    expect(passwordProblem("a long passphrase")).toBeNull();
  });
});

describe("lockout", () => {
  const now = new Date("2026-11-24T10:00:00Z");
  it("locks on the fifth consecutive failure", () => {
    let s = afterSuccess();
    for (let i = 1; i < LOCKOUT.maxFailures; i++) {
      s = afterFailure(s, now);
      expect(isLocked(s, now)).toBe(false);
    }
    s = afterFailure(s, now);
    expect(isLocked(s, now)).toBe(true);
    expect(isLocked(s, new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000 + 1))).toBe(false);
  });
  it("starts counting afresh once a lock has expired", () => {
    const expired = { failedCount: 5, lockedUntil: new Date(now.getTime() - 1) };
    expect(afterFailure(expired, now)).toEqual({ failedCount: 1, lockedUntil: null });
  });
  it("ends sessions on idle timeout and at the absolute limit", () => {
    const created = now;
    const s = { createdAt: created, lastSeenAt: created, expiresAt: new Date(created.getTime() + SESSION.absoluteHours * 3600_000) };
    expect(sessionExpired(s, new Date(created.getTime() + 59 * 60_000))).toBe(false);
    expect(sessionExpired(s, new Date(created.getTime() + 61 * 60_000))).toBe(true);
    expect(sessionExpired({ ...s, lastSeenAt: s.expiresAt }, s.expiresAt)).toBe(true);
  });
});

describe("session tokens", () => {
  it("round-trips city and platform tokens and rejects anything else", () => {
    const secret = newSessionSecret();
    const tenantId = "0b7c6a52-6f5d-4b8e-9a53-0d8f3e2c1a11";
    expect(parseSessionToken(cityToken(tenantId, secret))).toEqual({ kind: "city", tenantId, secret });
    expect(parseSessionToken(platformToken(secret))).toEqual({ kind: "platform", secret });
    for (const bad of ["", "c.x.y", `c.${tenantId}.short`, `p.${secret}.x`, `x.${secret}`]) {
      expect(parseSessionToken(bad)).toBeNull();
    }
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("role assignment", () => {
  it("needs a role, no duplicates, and a unit for unit staff", () => {
    expect(validateRoleAssignment([], 0)).toBe("errors.staff.noRole");
    expect(validateRoleAssignment(["operator", "operator"], 0)).toBe("errors.staff.duplicateRole");
    expect(validateRoleAssignment(["unit_staff"], 0)).toBe("errors.staff.unitRequired");
    expect(validateRoleAssignment(["unit_staff"], 2)).toBeNull();
  });
});
