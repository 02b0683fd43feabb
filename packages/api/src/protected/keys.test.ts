import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { devKeyring, keyringFromConfig, newDataKey, open, rewrapDataKey, seal, unwrapDataKey } from "./keys";
import { hashReceipt, receiptMatches } from "./receipt-hash";

const CITY_A = "11111111-1111-4111-8111-111111111111";
const CITY_B = "22222222-2222-4222-8222-222222222222";
const REPORT = "33333333-3333-4333-8333-333333333333";
const b64 = () => randomBytes(32).toString("base64");

describe("envelope keys", () => {
  it("a data key unwraps only with the same KEK, city and report", () => {
    const ring = keyringFromConfig(`v1:${b64()}`);
    const k = newDataKey(ring, CITY_A, REPORT);
    const row = { tenantId: CITY_A, id: REPORT, keyVersion: k.version, wrappedKey: k.wrapped };
    expect(unwrapDataKey(ring, row).equals(k.dataKey)).toBe(true); // control
    expect(() => unwrapDataKey(ring, { ...row, tenantId: CITY_B })).toThrow();
    expect(() => unwrapDataKey(ring, { ...row, id: CITY_B })).toThrow();
    expect(() => unwrapDataKey(keyringFromConfig(`v1:${b64()}`), row)).toThrow();
    expect(() => unwrapDataKey(devKeyring(), row)).toThrow(/not configured/);
  });

  it("sealed text opens only in its place, and rotation re-wraps without touching the ciphertext", () => {
    const old = keyringFromConfig(`v1:${b64()}`);
    const k = newDataKey(old, CITY_A, REPORT);
    const sealed = seal(k.dataKey, Buffer.from("متن محرمانه"), "r/body");
    expect(open(k.dataKey, sealed, "r/body").toString()).toBe("متن محرمانه");
    expect(() => open(k.dataKey, sealed, "r/entry/1")).toThrow();
    const rotated = keyringFromConfig(`v2:${b64()},v1:${old.keys.get("v1")!.toString("base64")}`);
    const row = { tenantId: CITY_A, id: REPORT, keyVersion: "v1", wrappedKey: k.wrapped };
    const re = rewrapDataKey(rotated, row);
    expect(re.version).toBe("v2");
    const v2only = keyringFromConfig(`v2:${rotated.keys.get("v2")!.toString("base64")}`);
    expect(open(unwrapDataKey(v2only, { ...row, keyVersion: re.version, wrappedKey: re.wrapped }), sealed, "r/body").toString()).toBe("متن محرمانه");
  });

  it("configuration: the first key is current, bad entries are refused, nothing set means the development key", () => {
    expect(keyringFromConfig(undefined)).toMatchObject({ current: "dev", dev: true });
    expect(keyringFromConfig(`a:${b64()},b:${b64()}`)).toMatchObject({ current: "a", dev: false });
    expect(() => keyringFromConfig("a:c2hvcnQ=")).toThrow(/32 random bytes/);
    expect(() => keyringFromConfig(`dev:${b64()}`)).toThrow(/reserved/);
  });
});

describe("receipt hash", () => {
  it("is scrypt with its own salt; only the same receipt matches", async () => {
    const h = await hashReceipt("12345678901234567890");
    expect(h).not.toContain("12345678901234567890");
    expect(await hashReceipt("12345678901234567890")).not.toBe(h);
    expect(await receiptMatches("12345678901234567890", h)).toBe(true);
    expect(await receiptMatches("12345678901234567891", h)).toBe(false);
  });
});
