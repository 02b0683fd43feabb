import { describe, expect, it } from "vitest";
import { normalizeNationalId } from "../text/national-id";
import { normalizeIranMobile } from "../text/phone";
import { distanceMetres } from "../geo/distance";
import { availableActions, isOpen, open311Status, REQUEST_ACTIONS, REQUEST_STATES, transition } from "./state-machine";
import { canSeeRequest, requestScope } from "./access";
import { groupTrackingCode, parseTrackingCode, trackingCode, verhoeffValid } from "./tracking-code";

const TEHRAN = "0b7c6a52-6f5d-4b8e-9a53-0d8f3e2c1a11";
const SHIRAZ = "5f2a1b3c-1111-4a2b-8c3d-9e8f7a6b5c4d";

describe("tracking codes", () => {
  it("are 9 digits, unique for the first 100,000 messages of a city, and not in order", () => {
    const codes = Array.from({ length: 100_000 }, (_, i) => trackingCode(TEHRAN, i + 1));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^\d{9}$/.test(c) && verhoeffValid(c))).toBe(true);
    expect(Number(codes[1]!.slice(0, 8)) - Number(codes[0]!.slice(0, 8))).not.toBe(1);
  });
  it("differ between cities for the same sequence number", () => {
    expect(trackingCode(TEHRAN, 1)).not.toBe(trackingCode(SHIRAZ, 1));
  });
  it("catch every single mistyped digit and every swap of neighbours", () => {
    const code = trackingCode(TEHRAN, 4242);
    for (let i = 0; i < 9; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === code[i]) continue;
        expect(parseTrackingCode(code.slice(0, i) + d + code.slice(i + 1))).toBeNull();
      }
      if (i < 8 && code[i] !== code[i + 1]) {
        expect(parseTrackingCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBeNull();
      }
    }
  });
  it("are read back from Persian digits and with the dashes they are shown with", () => {
    const code = trackingCode(TEHRAN, 7);
    const persian = groupTrackingCode(code).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!);
    expect(parseTrackingCode(persian)).toBe(code);
    expect(parseTrackingCode("12345")).toBeNull();
  });
});

describe("message states", () => {
  it("follow the life of a message from registration to closing", () => {
    let s = "registered" as (typeof REQUEST_STATES)[number];
    for (const a of ["refer", "start", "resolve", "close", "reopen", "start", "resolve"] as const) {
      const t = transition(s, a);
      expect(t.ok, `${s} --${a}`).toBe(true);
      if (t.ok) s = t.to;
    }
    expect(s).toBe("resolved");
  });
  it("refuse an impossible change with a reason naming the action", () => {
    expect(transition("closed", "resolve")).toEqual({ ok: false, messageKey: "errors.request.cannot.resolve", params: { from: "closed", action: "resolve" } });
    expect(transition("rejected", "refer").ok).toBe(false);
    expect(transition("duplicate", "reopen").ok).toBe(false);
  });
  it("let a unit return a wrongly routed message to HQ, and HQ refer it again", () => {
    expect(transition("referred", "return_to_hq")).toEqual({ ok: true, to: "registered" });
    expect(transition("registered", "refer")).toEqual({ ok: true, to: "referred" });
  });
  it("offer exactly the actions that would succeed", () => {
    for (const s of REQUEST_STATES) {
      for (const a of REQUEST_ACTIONS) expect(availableActions(s).includes(a)).toBe(transition(s, a).ok);
    }
    expect(availableActions("closed")).toEqual(["reopen"]);
  });
  it("map to Open311's open and closed", () => {
    expect(REQUEST_STATES.filter(isOpen)).toEqual(["registered", "referred", "in_progress", "reopened"]);
    expect(open311Status("forwarded")).toBe("closed");
  });
});

describe("citizen contact details", () => {
  it("normalise Iranian mobile numbers however they are written", () => {
    for (const v of ["09123456789", "+989123456789", "00989123456789", "989123456789", "9123456789", "۰۹۱۲ ۳۴۵ ۶۷۸۹", "٠٩١٢-٣٤٥-٦٧٨٩"]) {
      expect(normalizeIranMobile(v), v).toBe("09123456789");
    }
    for (const v of ["02123456789", "0912345678", "091234567890", "abc", ""]) expect(normalizeIranMobile(v), v).toBeNull();
  });
  it("check the national code's check digit", () => {
    expect(normalizeNationalId("0499370899")).toBe("0499370899");
    expect(normalizeNationalId("۰۴۹۹۳۷۰۸۹۹")).toBe("0499370899");
    expect(normalizeNationalId("0499370898")).toBeNull();
    expect(normalizeNationalId("1111111111")).toBeNull();
    expect(normalizeNationalId("12345")).toBeNull();
  });
  it("measure distances for nearby duplicates", () => {
    const d = distanceMetres({ lat: 35.7, lon: 51.4 }, { lat: 35.701, lon: 51.4 });
    expect(d).toBeGreaterThan(110);
    expect(d).toBeLessThan(112);
  });
});

describe("requestScope agrees with canSeeRequest", () => {
  const viewers = [
    { roles: ["operator"], unitIds: [] },
    { roles: ["manager"], unitIds: [] },
    { roles: ["unit_staff"], unitIds: ["u1"] },
    { roles: ["unit_staff", "inspector"], unitIds: ["u1"] },
    { roles: ["inspector"], unitIds: [] },
    { roles: [], unitIds: ["u1"] },
  ] as const;
  const messages = [
    { kind: "complaint", unitId: "u1" },
    { kind: "complaint", unitId: "u2" },
    { kind: "request", unitId: null },
    { kind: "corruption_report", unitId: "u1" },
  ] as const;
  const allows = (s: ReturnType<typeof requestScope>, r: (typeof messages)[number]) =>
    (s.corruption || r.kind !== "corruption_report") && (s.units === "all" || (r.unitId !== null && s.units.includes(r.unitId)));
  for (const v of viewers) {
    it(`${v.roles.join("+") || "no role"}`, () => {
      for (const r of messages) expect(allows(requestScope(v as never), r), `${r.kind} in ${r.unitId}`).toBe(canSeeRequest(v as never, r as never));
    });
  }
});
