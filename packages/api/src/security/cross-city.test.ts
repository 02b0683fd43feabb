import { readFileSync } from "node:fs";
import { listOutbox, withTenant } from "@city137/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trackingNumbersFor } from "../intake/tracking-numbers";
import { appRouter } from "../root";
import { createTestApi, failure, type TestApi } from "../test-utils";
import { referenceFields } from "./procedure-inputs";

/**
 * Cross-city suite: every procedure whose input names a row or carries a
 * secret (found from its input schema, so a new one cannot slip past) is
 * called by Shiraz with Tehran's real ids, codes and sessions. It must answer
 * as if they did not exist (NOT_FOUND, a refused field, UNAUTHORIZED for a
 * session), or with nothing of Tehran's; a control call by Tehran succeeds.
 *
 * Each reference field is covered here (PROBES), by the access matrix
 * (routers/access.test.ts, an entry with `tehranIds: true` naming the field),
 * by a feature test that calls it from another city (ELSEWHERE), or is
 * waived with the reason (WAIVED).
 */
type T = Awaited<ReturnType<typeof fixtures>>;
type Who = "public" | "shiraz.admin" | "shiraz.operator" | "tehran.admin" | "tehran.operator";
interface Probe {
  /** The fields this probe fills with Tehran's values. */
  fields: string[];
  who: Who;
  input: (t: T) => unknown;
  /** refused: NOT_FOUND, a BAD_REQUEST naming a field, or UNAUTHORIZED; nothing: refused so, or answered without any of Tehran's data. */
  expect: "refused" | "nothing";
  /** The same references used by Tehran itself are accepted (proves the probe can fail). */
  control?: { who: Who; input: (t: T) => unknown; check?: (value: unknown) => Promise<void> };
  /** More to check on an answer (instead of looking for Tehran's values in it). */
  check?: (value: unknown) => Promise<void>;
}

const tree = (categoryId: string, unitId: string, districtId: string) => ({
  rules: [{ id: "cross", name: "cross", when: { categoryIds: [categoryId], districtIds: [districtId], regionIds: [districtId] }, then: { assign: { type: "unit", unitId } } }],
  fallback: { assign: { type: "unit", unitId } },
});
const complaintFor = (categoryId: string, key: string, over: object = {}) => ({ idempotencyKey: key, kind: "complaint", categoryId, channel: "phone", description: "آزمون میان‌شهری", attributes: { waste_type: "household" }, ...over });
const sessionFor = (staffId: string, unitId: string) => ({ staffId, unitId, titleFa: "معاون شهردار", titleEn: "Deputy Mayor", start: "10:00", end: "12:00" });
const portalFor = (city: string, categoryId: string, key: string, over: object = {}) => ({ city, idempotencyKey: key, kind: "complaint", categoryId, description: "آزمون میان‌شهری", attributes: { waste_type: "household" }, mobile: "09121230000", ...over });

const PROBES: Record<string, Probe[]> = {
  "unit.create": [
    { fields: ["areaId"], who: "shiraz.admin", input: (t) => ({ code: "CROSS-A", kind: "organisation", nameFa: "آزمون", nameEn: "Cross", areaId: t.districtId }), expect: "refused", control: { who: "tehran.admin", input: (t) => ({ code: "CROSS-A", kind: "organisation", nameFa: "آزمون", nameEn: "Cross", areaId: t.districtId }) } },
    { fields: ["parentUnitId"], who: "shiraz.admin", input: (t) => ({ code: "CROSS-P", kind: "organisation", nameFa: "آزمون", nameEn: "Cross", parentUnitId: t.unitId }), expect: "refused", control: { who: "tehran.admin", input: (t) => ({ code: "CROSS-P", kind: "organisation", nameFa: "آزمون", nameEn: "Cross", parentUnitId: t.unitId }) } },
  ],
  "unit.update": [
    { fields: ["areaId", "parentUnitId"], who: "shiraz.admin", input: (t) => ({ ...t.shirazUnit, areaId: t.districtId }), expect: "refused" },
    { fields: ["parentUnitId"], who: "shiraz.admin", input: (t) => ({ ...t.shirazUnit, parentUnitId: t.unitId }), expect: "refused" },
  ],
  "staff.create": [
    { fields: ["unitIds"], who: "shiraz.admin", input: (t) => ({ username: "cross.person", email: "cross@shiraz.example", displayName: "آزمون", roles: ["unit_staff"], unitIds: [t.unitId] }), expect: "refused" },
  ],
  "staff.setUnits": [{ fields: ["unitIds"], who: "shiraz.admin", input: (t) => ({ staffId: t.shirazOperatorId, unitIds: [t.unitId] }), expect: "refused" }],
  "category.create": [
    { fields: ["parentId"], who: "shiraz.admin", input: (t) => ({ code: "cross.child", parentId: t.categoryId, nameFa: "آزمون", nameEn: "Cross", kinds: ["request"] }), expect: "refused", control: { who: "tehran.admin", input: (t) => ({ code: "cross.child", parentId: t.categoryId, nameFa: "آزمون", nameEn: "Cross", kinds: ["request"] }) } },
  ],
  "category.update": [{ fields: ["parentId"], who: "shiraz.admin", input: (t) => ({ ...t.shirazCategory, parentId: t.categoryId }), expect: "refused" }],
  "routing.saveDraft": [
    {
      fields: ["tree.rules.when.categoryIds", "tree.rules.when.regionIds", "tree.rules.when.districtIds", "tree.rules.then.assign.unitId", "tree.fallback.assign.unitId"],
      who: "shiraz.admin",
      input: (t) => ({ tree: tree(t.categoryId, t.unitId, t.districtId) }),
      expect: "refused",
    },
  ],
  "request.create": [
    { fields: ["districtId"], who: "shiraz.operator", input: (t) => complaintFor(t.shirazWasteId, "cross-district-1", { districtId: t.districtId }), expect: "refused", control: { who: "tehran.operator", input: (t) => complaintFor(t.categoryId, "cross-district-2", { districtId: t.districtId }) } },
    {
      fields: ["directSessionId"],
      who: "shiraz.operator",
      input: (t) => ({ ...complaintFor(t.shirazWasteId, "cross-direct-1"), channel: "direct_session", directSessionId: t.liveSessionId }),
      expect: "refused",
      control: { who: "tehran.operator", input: (t) => ({ ...complaintFor(t.categoryId, "cross-direct-2"), channel: "direct_session", directSessionId: t.liveSessionId }) },
    },
  ],
  "request.get": [{ fields: ["trackingCode"], who: "shiraz.operator", input: (t) => ({ trackingCode: t.trackingCode }), expect: "refused", control: { who: "tehran.operator", input: (t) => ({ trackingCode: t.trackingCode }) } }],
  "request.list": [
    { fields: ["unitId"], who: "shiraz.admin", input: (t) => ({ queue: "all", unitId: t.unitId }), expect: "nothing" },
    { fields: ["trackingCode"], who: "shiraz.admin", input: (t) => ({ queue: "all", trackingCode: t.trackingCode }), expect: "nothing", control: { who: "tehran.admin", input: (t) => ({ queue: "all", trackingCode: t.trackingCode }) } },
    { fields: ["categoryId"], who: "shiraz.admin", input: (t) => ({ queue: "all", categoryId: t.categoryId }), expect: "nothing" },
    { fields: ["districtId"], who: "shiraz.admin", input: (t) => ({ queue: "all", districtId: t.districtId }), expect: "nothing" },
  ],
  "request.nearby": [{ fields: ["categoryId"], who: "shiraz.operator", input: (t) => ({ categoryId: t.categoryId, lat: 35.82, lon: 51.101 }), expect: "nothing", control: { who: "tehran.operator", input: (t) => ({ categoryId: t.categoryId, lat: 35.82, lon: 51.101 }) } }],
  "portal.submit": [
    { fields: ["categoryId"], who: "public", input: (t) => portalFor("shiraz", t.categoryId, "cross-portal-1"), expect: "refused", control: { who: "public", input: (t) => portalFor("tehran", t.categoryId, "cross-portal-2") } },
    { fields: ["districtId"], who: "public", input: (t) => portalFor("shiraz", t.shirazWasteId, "cross-portal-3", { districtId: t.districtId }), expect: "refused" },
    // another city's QR code is not Shiraz's: the message is taken as from the web form, linked to nothing of Tehran's
    {
      fields: ["qr"],
      who: "public",
      input: (t) => portalFor("shiraz", t.shirazWasteId, "cross-portal-4", { qr: t.qrCode }),
      expect: "nothing",
      check: async (v) => expect((await call("shiraz.operator", "request.get", { trackingCode: (v as { trackingCode: string }).trackingCode }) as { channel: string }).channel).toBe("web"),
      control: { who: "public", input: (t) => portalFor("tehran", t.categoryId, "cross-portal-5", { qr: t.qrCode }), check: async (v) => expect((await call("tehran.operator", "request.get", { trackingCode: (v as { trackingCode: string }).trackingCode }) as { channel: string }).channel).toBe("qr") },
    },
  ],
  "portal.track": [{ fields: ["trackingCode"], who: "public", input: (t) => ({ city: "shiraz", trackingCode: t.trackingCode, last4: "6789" }), expect: "refused", control: { who: "public", input: (t) => ({ city: "tehran", trackingCode: t.trackingCode, last4: "6789" }) } }],
  "portal.feedback": [{ fields: ["trackingCode"], who: "public", input: (t) => ({ city: "shiraz", trackingCode: t.trackingCode, last4: "6789", score: 5 }), expect: "refused" }],
  "portal.qr": [{ fields: ["code"], who: "public", input: (t) => ({ city: "shiraz", code: t.qrCode }), expect: "refused", control: { who: "public", input: (t) => ({ city: "tehran", code: t.qrCode }) } }],
  "portal.mine": [{ fields: ["session"], who: "public", input: (t) => ({ city: "shiraz", session: t.citizenSession }), expect: "refused", control: { who: "public", input: (t) => ({ city: "tehran", session: t.citizenSession }) } }],
  "portal.addInfo": [{ fields: ["session", "trackingCode"], who: "public", input: (t) => ({ city: "shiraz", session: t.citizenSession, trackingCode: t.trackingCode, text: "بیشتر" }), expect: "refused" }],
  "portal.reopen": [{ fields: ["session", "trackingCode"], who: "public", input: (t) => ({ city: "shiraz", session: t.citizenSession, trackingCode: t.trackingCode, reason: "انجام نشده" }), expect: "refused" }],
  "portal.recognition": [{ fields: ["session"], who: "public", input: (t) => ({ city: "shiraz", session: t.citizenSession, consent: true, name: "نام" }), expect: "refused" }],
  "portal.publicList": [{ fields: ["categoryId"], who: "public", input: (t) => ({ city: "shiraz", categoryId: t.categoryId }), expect: "nothing" }],
  "portal.publicMessage": [{ fields: ["id"], who: "public", input: (t) => ({ city: "shiraz", id: t.requestId }), expect: "refused" }],
  "portal.support": [{ fields: ["session", "id"], who: "public", input: (t) => ({ city: "shiraz", session: t.citizenSession, id: t.requestId }), expect: "refused" }],
  "insight.map": [{ fields: ["categoryId"], who: "shiraz.admin", input: (t) => ({ from: "2026-01-01", to: "2026-12-31", categoryId: t.categoryId }), expect: "refused", control: { who: "tehran.admin", input: (t) => ({ from: "2026-01-01", to: "2026-12-31", categoryId: t.categoryId }) } }],
  "insight.messages": [{ fields: ["categoryId"], who: "shiraz.admin", input: (t) => ({ group: "open", categoryId: t.categoryId }), expect: "nothing", control: { who: "tehran.admin", input: (t) => ({ group: "open", categoryId: t.categoryId }) } }],
  "qr.create": [
    { fields: ["unitId"], who: "shiraz.admin", input: (t) => ({ label: "آزمون", placeKind: "kiosk", unitId: t.unitId }), expect: "refused", control: { who: "tehran.admin", input: (t) => ({ label: "آزمون", placeKind: "kiosk", unitId: t.unitId }) } },
    { fields: ["categoryIds"], who: "shiraz.admin", input: (t) => ({ label: "آزمون", placeKind: "kiosk", categoryIds: [t.categoryId] }), expect: "refused" },
  ],
  "responseTemplate.create": [{ fields: ["categoryId"], who: "shiraz.admin", input: (t) => ({ categoryId: t.categoryId, titleFa: "آزمون", titleEn: "Cross", body: "متن" }), expect: "refused", control: { who: "tehran.admin", input: (t) => ({ categoryId: t.categoryId, titleFa: "آزمون", titleEn: "Cross", body: "متن" }) } }],
  "responseTemplate.update": [{ fields: ["categoryId"], who: "shiraz.admin", input: (t) => ({ id: t.shirazTemplateId, categoryId: t.categoryId, titleFa: "آزمون", titleEn: "Cross", body: "متن" }), expect: "refused" }],
  // Direct sessions: Tehran's manager, unit, sessions and a question asked in its live session.
  "directSession.create": [
    { fields: ["staffId"], who: "shiraz.admin", input: (t) => ({ ...sessionFor(t.managerId, t.shirazUnit.id), date: "2027-02-10" }), expect: "refused", control: { who: "tehran.admin", input: (t) => ({ ...sessionFor(t.managerId, t.hqId), date: "2027-02-10" }) } },
    { fields: ["unitId"], who: "shiraz.admin", input: (t) => ({ ...sessionFor(t.shirazOperatorId, t.hqId), date: "2027-02-17" }), expect: "refused", control: { who: "tehran.admin", input: (t) => ({ ...sessionFor(t.managerId, t.hqId), date: "2027-02-17" }) } },
  ],
  "directSession.step": [{ fields: ["id"], who: "shiraz.admin", input: (t) => ({ id: t.sessionId, action: "cancel" }), expect: "refused", control: { who: "tehran.admin", input: (t) => ({ id: t.sessionId, action: "cancel" }) } }],
  "directSession.questions": [{ fields: ["id"], who: "shiraz.admin", input: (t) => ({ id: t.liveSessionId }), expect: "refused", control: { who: "tehran.admin", input: (t) => ({ id: t.liveSessionId }) } }],
  "directSession.answer": [{ fields: ["requestId"], who: "shiraz.admin", input: (t) => ({ requestId: t.questionId, note: "پاسخ میان‌شهری" }), expect: "refused", control: { who: "tehran.admin", input: (t) => ({ requestId: t.questionId, note: "پاسخ" }) } }],
};

/** Another city's call with real ids, in a feature's own test file (checked to name the procedure and another city). */
const ELSEWHERE: Record<string, string> = {
  "auth.acceptInvitation": "routers/staff/staff.test.ts",
  "portal.otpVerify": "routers/portal/portal.test.ts",
  "sms.resend": "routers/sms/sms.test.ts",
  "billing.myInvoice": "routers/billing/billing.test.ts",
  "protectedReport.follow": "routers/protected-report/protected-report.test.ts",
  "protectedReport.reply": "routers/protected-report/protected-report.test.ts",
  "protectedReport.get": "routers/protected-report/protected-report.test.ts",
  "protectedReport.photo": "routers/protected-report/protected-report.test.ts",
  "protectedReport.ask": "routers/protected-report/protected-report.test.ts",
  "protectedReport.setStatus": "routers/protected-report/protected-report.test.ts",
};

/** Fields that name no other city's row, with the reason. */
const WAIVED: Array<[RegExp, string]> = [
  [/^(unit|category)\.(create|update) (code|attributes\.code)$/, "a code the city gives its own new row, not a reference"],
  [/^routing\.saveDraft tree\.rules\.id$/, "the rule's own name inside the draft"],
  [/^billing\.(plan|account|invoice|tenantStatus)/, "platform staff work across cities by role (tested in routers/billing)"],
  [/^portal\.(track|feedback) token$/, "an HMAC of the request id under the city's own signing secret (portal tests: a token of another request is refused)"],
];

const accessMatrix = readFileSync(new URL("../routers/access.test.ts", import.meta.url), "utf8");
/** The access matrix entry of a procedure, when it runs Shiraz against Tehran's ids. */
function matrixFields(path: string): string[] {
  const start = accessMatrix.indexOf(`\n  "${path}": {`);
  if (start < 0) return [];
  const next = accessMatrix.slice(start + 1).search(/\n {2}(")|\n};/);
  const entry = accessMatrix.slice(start, start + 1 + next);
  if (!/tehranIds: true/.test(entry)) return [];
  return [...entry.matchAll(/(\w+): f\.tehran\w+/g)].map((m) => m[1]!);
}

async function fixtures(api: TestApi) {
  const tehranAdmin = api.caller(await api.signIn("tehran", "tehran.admin"));
  const shirazAdmin = api.caller(await api.signIn("shiraz", "shiraz.admin"));
  const operator = api.caller(await api.signIn("tehran", "tehran.operator"));
  const categories = await tehranAdmin.category.list();
  const categoryId = categories.find((c) => c.code === "waste.collection")!.id;
  const unitId = (await tehranAdmin.unit.list()).find((u) => u.code === "R05-OFFICE")!.id;
  const districtId = (await tehranAdmin.area.list()).find((a) => a.level === "district")!.id;
  const created = await operator.request.create({ ...complaintFor(categoryId, "cross-fixture-1"), lat: 35.82, lon: 51.101, citizen: { name: "شهروند", mobile: "09123456789", nationalId: null } } as never);
  const qrCode = (await tehranAdmin.qr.create({ label: "آزمون میان‌شهری", placeKind: "kiosk" }))[0]!.code;
  const shirazUnitRow = (await shirazAdmin.unit.list()).find((u) => u.kind === "organisation")!;
  const shirazUnit = { id: shirazUnitRow.id, code: shirazUnitRow.code, kind: shirazUnitRow.kind, nameFa: shirazUnitRow.nameFa, nameEn: shirazUnitRow.nameEn };
  const shirazCats = await shirazAdmin.category.list();
  const sc = shirazCats.find((c) => c.code === "waste.collection")!;
  const shirazCategory = { id: sc.id, code: sc.code, parentId: null, nameFa: sc.nameFa, nameEn: sc.nameEn, kinds: sc.kinds };
  const shirazOperatorId = (await shirazAdmin.staff.list()).find((s) => s.username === "shiraz.operator")!.id;
  const shirazTemplateId = (await shirazAdmin.responseTemplate.create({ titleFa: "نمونه", titleEn: "Sample", body: "انجام شد." })).id;
  // A Tehran citizen's verified session (one-time code from the outbox)
  const tehranId = (await api.caller().city.get({ slug: "tehran" })).id;
  await api.caller().portal.otpRequest({ city: "tehran", mobile: "09123456789" });
  const otp = (await withTenant(api.db, tehranId, (tx) => listOutbox(tx, { tenantId: tehranId }))).filter((o) => o.topic === "sms.otp").at(-1)!.payload as { otp: string };
  const citizenSession = (await api.caller().portal.otpVerify({ city: "tehran", mobile: "09123456789", code: otp.otp })).token;
  // Two Tehran direct sessions with its manager: one scheduled, one live with a question in it.
  const managerId = (await tehranAdmin.staff.list()).find((s) => s.username === "tehran.manager")!.id;
  const hqId = (await tehranAdmin.unit.list()).find((u) => u.code === "HQ")!.id;
  const [session, live] = await tehranAdmin.directSession.create({ ...sessionFor(managerId, hqId), date: "2026-11-25", weeks: 2 });
  await tehranAdmin.directSession.step({ id: live!.id, action: "start" });
  const question = await operator.request.create({ ...complaintFor(categoryId, "cross-direct-q"), channel: "direct_session", directSessionId: live!.id } as never);
  return { categoryId, unitId, districtId, requestId: created.id, trackingCode: created.trackingCode, qrCode, shirazUnit, shirazCategory, shirazWasteId: sc.id, shirazOperatorId, shirazTemplateId, citizenSession, managerId, hqId, sessionId: session!.id, liveSessionId: live!.id, questionId: question.id };
}

let api: TestApi;
let t: T;
const tokens = new Map<Who, string | null>();
const TEHRAN_SECRETS = (x: T) => [x.requestId, x.trackingCode, x.unitId, x.categoryId, x.districtId, x.qrCode];

beforeAll(async () => {
  api = await createTestApi();
  api.setNow(new Date("2026-11-22T10:00:00+03:30"));
  for (const who of ["shiraz.admin", "shiraz.operator", "tehran.admin", "tehran.operator"] as const) tokens.set(who, await api.signIn(who.split(".")[0]!, who));
  tokens.set("public", null);
  t = await fixtures(api);
  // A registration takes its tracking number before its transaction (docs/decisions/022), so a
  // refused one may still advance its own city's counter; make the counters' rows exist first so
  // "nothing written" below stays a row count.
  for (const { id } of await api.owner.query<{ id: string }>("select id from tenants")) await trackingNumbersFor(api.db).next(id);
});
afterAll(() => api?.close());

/** Row counts of every table, below RLS. */
async function counts(): Promise<Record<string, number>> {
  const tables = await api.owner.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1");
  const out: Record<string, number> = {};
  for (const { name } of tables) out[name] = Number((await api.owner.query<{ n: number }>(`select count(*)::int as n from "${name}"`))[0]!.n);
  return out;
}

function call(who: Who, path: string, input: unknown) {
  const fn = path.split(".").reduce<any>((node, key) => node[key], api.caller(tokens.get(who) ?? null)); // eslint-disable-line @typescript-eslint/no-explicit-any
  return fn(input) as Promise<unknown>;
}

const procedures = Object.entries(appRouter._def.procedures).map(([path, p]) => ({ path, fields: referenceFields(p) })).filter((p) => p.fields.length > 0);

describe("cross-city coverage", () => {
  it("every reference field of every procedure is probed here, in the access matrix or in a feature test, or waived with a reason", () => {
    const uncovered: string[] = [];
    for (const { path, fields } of procedures) {
      const covered = new Set([...(PROBES[path] ?? []).flatMap((p) => p.fields), ...matrixFields(path)]);
      for (const f of fields) {
        const leaf = f.split(".").at(-1)!;
        if (covered.has(f) || covered.has(leaf) || ELSEWHERE[path] || WAIVED.some(([re]) => re.test(`${path} ${f}`))) continue;
        uncovered.push(`${path} ${f}`);
      }
    }
    expect(uncovered, "procedures taking another row's id without a cross-city test: add a probe to PROBES in packages/api/src/security/cross-city.test.ts (or name the feature test in ELSEWHERE)").toEqual([]);
  });

  it("the feature tests named for a procedure call it from another city", () => {
    for (const [path, file] of Object.entries(ELSEWHERE)) {
      if (!(path in appRouter._def.procedures)) continue;
      const text = readFileSync(new URL(`../${file}`, import.meta.url), "utf8");
      expect(text, `${file} calls ${path}`).toContain(`.${path.split(".").at(-1)}(`);
      expect(text, `${file} uses another city`).toMatch(/shiraz|qom|mashhad/);
    }
  });
});

describe("Shiraz calling with Tehran's references", () => {
  for (const { path } of procedures) {
    for (const [i, probe] of (PROBES[path] ?? []).entries()) {
      it(`${path} #${i + 1} (${probe.fields.join(", ")})`, async () => {
        const before = await counts();
        const outcome = await call(probe.who, path, probe.input(t)).then(
          (value) => ({ ok: true as const, value }),
          async (e: unknown) => ({ ok: false as const, err: await failure(Promise.reject(e)) }),
        );
        if (!outcome.ok || probe.expect === "refused") {
          expect(outcome.ok, `${path} accepted Tehran's references: ${JSON.stringify(outcome).slice(0, 300)}`).toBe(false);
          const err = (outcome as { err: Awaited<ReturnType<typeof failure>> }).err;
          expect(["NOT_FOUND", "BAD_REQUEST", "UNAUTHORIZED"], JSON.stringify(err)).toContain(err.code);
          if (err.code === "BAD_REQUEST") expect(Object.keys(err.fieldErrors ?? {}).length, JSON.stringify(err)).toBeGreaterThan(0);
          // refused, and nothing half-written (no row in any table)
          expect(await counts(), `${path} refused but wrote rows`).toEqual(before);
        } else if (probe.check) {
          await probe.check(outcome.value);
        } else {
          const text = JSON.stringify(outcome.value);
          for (const secret of TEHRAN_SECRETS(t)) expect(text, `${path} answered with Tehran's ${secret}`).not.toContain(secret);
        }
        if (probe.control) {
          const ok = await call(probe.control.who, path, probe.control.input(t));
          expect(ok, "control").toBeDefined();
          if (probe.control.check) await probe.control.check(ok);
          else if (probe.expect === "nothing") expect(JSON.stringify(ok)).toMatch(new RegExp(TEHRAN_SECRETS(t).join("|")));
        }
      });
    }
  }
});
