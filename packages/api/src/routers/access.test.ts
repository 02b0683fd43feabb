import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAttachment, staffScopeOf } from "../attachments";
import { appRouter } from "../root";
import { createTestApi, failure, type TestApi } from "../test-utils";

/**
 * Every procedure, its audience and a valid input. A procedure missing here
 * fails the first test, so nothing reaches production unclassified.
 */
type Audience = "public" | "authed" | "staff" | "cityAdmin" | "platform";
type Fixtures = {
  tehranOperatorId: string;
  shirazOperatorId: string;
  tehranVersionId: string;
  tehranCategoryId: string;
  tehranCalendarId: string;
  tehranUnitCalendarId: string;
  tehranUnitId: string;
  tehranRequestId: string;
  tehranHqId: string;
  tehranAttachmentId: string;
  tehranApiKeyId: string;
  tehranQrId: string;
  tehranTemplateId: string;
  tehranFilterId: string;
};
const square = (x: number, y: number) => ({ type: "Polygon", coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });
const BRANDING = { nameFa: "شهر آزمون", nameEn: "Test City", primaryColor: "#123456", secondaryColor: "#654321", logoSvg: "<svg xmlns='http://www.w3.org/2000/svg'/>", shortNumber: "137", defaultLocale: "fa" };
/** An id no city or row has. */
const NO_ROW = "00000000-0000-4000-8000-00000000b111";
/** roles: the city roles allowed, when narrower than the audience. */
const PROCEDURES: Record<
  string,
  {
    audience: Audience;
    input?: (f: Fixtures) => unknown;
    tehranIds?: true;
    roles?: string[];
    publicAnswer?: "NOT_FOUND" | "UNAUTHORIZED";
    /** Allowed by role but the row is not theirs to see: answered as missing. */
    notFoundFor?: string[];
  }
> = {
  "request.create": {
    audience: "staff",
    roles: ["admin", "supervisor", "operator"],
    input: (f) => ({ idempotencyKey: "access-matrix-key", kind: "complaint", categoryId: f.tehranCategoryId, channel: "phone", description: "زباله جمع نشده", attributes: { waste_type: "household" } }),
    tehranIds: true,
  },
  "request.get": { audience: "staff", input: (f) => ({ id: f.tehranRequestId }), tehranIds: true, notFoundFor: ["tehran.unitstaff"] },
  // the same key again adds nobody twice, so each permitted role gets an answer
  "request.support": {
    audience: "staff",
    roles: ["admin", "supervisor", "operator"],
    input: (f) => ({ idempotencyKey: "access-matrix-support", requestId: f.tehranRequestId, citizen: { name: "همسایه", mobile: "09121110000" } }),
    tehranIds: true,
  },
  "request.list": { audience: "staff", input: () => ({ queue: "all" }) },
  "request.nearby": { audience: "staff", input: (f) => ({ categoryId: f.tehranCategoryId, lat: 35.7, lon: 51.4 }) },
  "request.shiftCounts": { audience: "staff" },
  "request.load": { audience: "staff", roles: ["admin", "supervisor", "manager"] },
  "request.routingEvents": { audience: "staff", roles: ["admin", "supervisor", "manager"], input: () => ({ days: 7 }) },
  "request.transition": {
    audience: "staff",
    roles: ["admin", "supervisor", "operator"],
    input: (f) => ({ id: f.tehranRequestId, action: "refer", unitId: f.tehranHqId, note: "" }),
    tehranIds: true,
    notFoundFor: ["tehran.unitstaff"],
  },
  "attachment.list": { audience: "staff", input: (f) => ({ requestId: f.tehranRequestId }), tehranIds: true, notFoundFor: ["tehran.unitstaff"] },
  // removing twice is harmless, so each permitted role gets an answer
  "attachment.remove": { audience: "staff", roles: ["admin", "supervisor"], input: (f) => ({ id: f.tehranAttachmentId }), tehranIds: true },
  "apiKey.list": { audience: "cityAdmin" },
  "responseTemplate.list": { audience: "staff" },
  "responseTemplate.create": { audience: "cityAdmin", input: () => ({ titleFa: "پاسخ نمونه", titleEn: "Sample answer", body: "رسیدگی شد." }) },
  "responseTemplate.update": { audience: "cityAdmin", input: (f) => ({ id: f.tehranTemplateId, titleFa: "پاسخ نمونه", titleEn: "Sample answer", body: "رسیدگی شد." }), tehranIds: true },
  "responseTemplate.setActive": { audience: "cityAdmin", input: (f) => ({ id: f.tehranTemplateId, active: true }), tehranIds: true },
  "savedFilter.list": { audience: "staff" },
  "savedFilter.save": { audience: "staff", input: () => ({ name: "باز من", query: { queue: "mine" } }) },
  // Shiraz's admin may remove any of Shiraz's searches, never Tehran's: NOT_FOUND
  "savedFilter.remove": { audience: "staff", input: (f) => ({ id: f.tehranFilterId }), tehranIds: true, notFoundFor: ["tehran.operator", "tehran.unitstaff", "tehran.supervisor", "tehran.manager", "tehran.inspector"] },
  "apiKey.create": { audience: "cityAdmin", input: () => ({ label: "Access matrix" }) },
  // revoking twice is harmless; Shiraz's admin gets NOT_FOUND for Tehran's key
  "apiKey.revoke": { audience: "cityAdmin", input: (f) => ({ id: f.tehranApiKeyId }), tehranIds: true },
  "portal.city": { audience: "public", input: () => ({ city: "tehran" }) },
  "portal.catalogue": { audience: "public", input: () => ({ city: "tehran" }) },
  "portal.submit": {
    audience: "public",
    input: (f) => ({ city: "tehran", idempotencyKey: "access-portal-1", kind: "complaint", categoryId: f.tehranCategoryId, description: "زباله جمع نشده", attributes: { waste_type: "household" }, mobile: "09121234567" }),
  },
  "portal.track": { audience: "public", input: () => ({ city: "tehran", trackingCode: "100000000", last4: "0000" }), publicAnswer: "NOT_FOUND" },
  "portal.feedback": { audience: "public", input: () => ({ city: "tehran", trackingCode: "100000000", last4: "0000", score: 5 }), publicAnswer: "NOT_FOUND" },
  "portal.qr": { audience: "public", input: () => ({ city: "tehran", code: "abcdefghjkmn" }), publicAnswer: "NOT_FOUND" },
  "portal.otpRequest": { audience: "public", input: () => ({ city: "tehran", mobile: "09120000137" }) },
  "portal.otpVerify": { audience: "public", input: () => ({ city: "tehran", mobile: "09120000138", code: "123456" }), publicAnswer: "NOT_FOUND" },
  "portal.mine": { audience: "public", input: () => ({ city: "tehran", session: "x".repeat(43) }), publicAnswer: "UNAUTHORIZED" },
  "portal.addInfo": { audience: "public", input: () => ({ city: "tehran", session: "x".repeat(43), trackingCode: "100000000", text: "بیشتر" }), publicAnswer: "UNAUTHORIZED" },
  "portal.reopen": { audience: "public", input: () => ({ city: "tehran", session: "x".repeat(43), trackingCode: "100000000", reason: "انجام نشده" }), publicAnswer: "UNAUTHORIZED" },
  "portal.recognition": { audience: "public", input: () => ({ city: "tehran", session: "x".repeat(43), consent: false }), publicAnswer: "UNAUTHORIZED" },
  "portal.publicList": { audience: "public", input: () => ({ city: "tehran" }) },
  "portal.publicMessage": { audience: "public", input: () => ({ city: "tehran", id: NO_ROW }), publicAnswer: "NOT_FOUND" },
  "portal.support": { audience: "public", input: () => ({ city: "tehran", session: "x".repeat(43), id: NO_ROW }), publicAnswer: "UNAUTHORIZED" },
  // a real Tehran dead letter, and Shiraz not finding it, are in routers/sms/sms.test.ts
  "sms.resend": { audience: "staff", roles: ["admin", "supervisor"], input: () => ({ id: NO_ROW }), notFoundFor: ["tehran.admin", "tehran.supervisor", "shiraz.admin"] },
  "sms.list": { audience: "staff", roles: ["admin", "supervisor"] },
  "sms.templates": { audience: "staff", roles: ["admin", "supervisor"] },
  "sms.setTemplate": { audience: "cityAdmin", input: () => ({ event: "otp", locale: "en", body: "" }) },
  "sms.settings": { audience: "staff", roles: ["admin", "supervisor"] },
  "sms.updateSettings": { audience: "cityAdmin", input: () => ({ reopenWindowDays: 14, otpPerMobileDaily: 5, otpPerClientDaily: 10, otpPerCityDaily: 2000 }) },
  "qr.list": { audience: "staff", roles: ["admin", "supervisor"] },
  "qr.create": { audience: "staff", roles: ["admin", "supervisor"], input: () => ({ label: "کیوسک آزمون", placeKind: "kiosk" }) },
  // revoking twice is harmless; Shiraz's admin gets NOT_FOUND for Tehran's code
  "qr.revoke": { audience: "staff", roles: ["admin", "supervisor"], input: (f) => ({ id: f.tehranQrId }), tehranIds: true },
  "auth.acceptInvitation": { audience: "public", input: () => ({ city: "tehran", token: "x".repeat(43), password: "long enough password" }), publicAnswer: "NOT_FOUND" },
  "staff.create": { audience: "cityAdmin", input: () => ({ username: "new.person", email: "new.person@example.org", displayName: "تازه‌وارد", roles: ["operator"] }) },
  "staff.reinvite": { audience: "cityAdmin", input: (f) => ({ staffId: f.tehranOperatorId }), tehranIds: true },
  "staff.setUnits": { audience: "cityAdmin", input: (f) => ({ staffId: f.tehranOperatorId, unitIds: [] }), tehranIds: true },
  "staff.setActive": { audience: "cityAdmin", input: (f) => ({ staffId: f.tehranOperatorId, active: true }), tehranIds: true },
  "auth.signIn": { audience: "public", input: () => ({ city: "tehran", login: "tehran.manager", password: "demo-pass-137" }) },
  "auth.me": { audience: "authed" },
  "auth.signOut": { audience: "authed" },
  "city.list": { audience: "public" },
  "city.get": { audience: "public", input: () => ({ slug: "tehran" }) },
  "region.list": { audience: "staff" },
  "unit.list": { audience: "staff" },
  "staff.list": { audience: "cityAdmin" },
  "staff.updateRoles": { audience: "cityAdmin", input: (f) => ({ staffId: f.tehranOperatorId, roles: ["operator"] }), tehranIds: true },
  "audit.list": { audience: "cityAdmin", input: () => ({ limit: 5 }) },
  "tenant.list": { audience: "platform" },
  "tenant.provision": {
    audience: "platform",
    roles: ["admin"],
    input: () => ({ slug: "access-city", nameFa: "شهر آزمون", nameEn: "Access City", template: "metropolis", contact: { name: "IT", email: "it@access.example" }, admin: { username: "access.admin", email: "admin@access.example", displayName: "مدیر" } }),
  },
  "branding.get": { audience: "staff" },
  "branding.update": { audience: "cityAdmin", input: () => BRANDING },
  "area.list": { audience: "staff" },
  "area.locate": { audience: "staff", input: () => ({ lat: 35.7, lon: 51.35 }) },
  "area.importBoundaries": {
    audience: "cityAdmin",
    input: () => ({ dryRun: true, geojson: JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "NEW", level: "region", name_fa: "نو", name_en: "New" }, geometry: square(1, 1) }] }) }),
  },
  "area.exportBoundaries": { audience: "staff" },
  "category.list": { audience: "staff" },
  "category.create": { audience: "cityAdmin", input: () => ({ code: "test.access", parentId: null, nameFa: "آزمون", nameEn: "Test", kinds: ["request"] }) },
  "category.update": { audience: "cityAdmin", input: (f) => ({ id: f.tehranCategoryId, code: "waste.collection", parentId: null, nameFa: "جمع‌آوری زباله", nameEn: "Garbage collection", kinds: ["request", "complaint"] }), tehranIds: true },
  "category.setActive": { audience: "cityAdmin", input: (f) => ({ id: f.tehranCategoryId, active: true }), tehranIds: true },
  "category.import": { audience: "cityAdmin", input: () => ({ format: "csv", text: "code,parent,name_fa,name_en,kinds,priority,sla_minutes\nx.y,,الف,A,request,normal,60\n", dryRun: true }) },
  "category.export": { audience: "cityAdmin", input: () => ({ format: "csv" }) },
  "unit.create": { audience: "cityAdmin", input: () => ({ code: "TEST-ACCESS", kind: "organisation", nameFa: "آزمون", nameEn: "Test" }) },
  "unit.update": { audience: "cityAdmin", input: (f) => ({ id: f.tehranUnitId, code: "R05-OFFICE", kind: "region_office", nameFa: "شهرداری منطقهٔ ۵", nameEn: "Region 5 Municipality" }), tehranIds: true },
  "unit.setActive": { audience: "cityAdmin", input: (f) => ({ id: f.tehranUnitId, active: true }), tehranIds: true },
  "routing.get": { audience: "staff", roles: ["admin", "supervisor", "manager"] },
  "routing.saveDraft": { audience: "cityAdmin", input: () => ({ tree: { rules: [], fallback: { assign: { type: "district_office" } } } }) },
  "routing.publish": { audience: "cityAdmin" },
  "routing.restore": { audience: "cityAdmin", input: (f) => ({ versionId: f.tehranVersionId }), tehranIds: true },
  // After "restore" above, Tehran has a draft to replay and Shiraz has none.
  "routing.replay": { audience: "staff", roles: ["admin", "supervisor"], input: () => ({ limit: 10 }), notFoundFor: ["shiraz.admin", "shiraz.supervisor"] },
  "routing.simulate": {
    audience: "staff",
    roles: ["admin", "supervisor", "operator"],
    input: (f) => ({ categoryId: f.tehranCategoryId, kind: "complaint", channel: "phone", lat: 35.7, lon: 51.35 }),
    tehranIds: true,
  },
  "calendar.list": { audience: "staff" },
  "calendar.addUnitCalendar": { audience: "cityAdmin", input: (f) => ({ unitId: f.tehranUnitId }), tehranIds: true },
  "calendar.removeUnitCalendar": { audience: "cityAdmin", input: (f) => ({ calendarId: f.tehranUnitCalendarId }), tehranIds: true },
  "calendar.update": {
    audience: "cityAdmin",
    input: (f) => ({ calendarId: f.tehranCalendarId, mode: "business", week: [[{ start: "08:00", end: "16:00" }], [{ start: "08:00", end: "16:00" }], [{ start: "08:00", end: "16:00" }], [{ start: "08:00", end: "16:00" }], [{ start: "08:00", end: "12:00" }], [], [{ start: "08:00", end: "16:00" }]] }),
    tehranIds: true,
  },
  "calendar.holidays": { audience: "staff", input: () => ({ jalaliYear: 1405 }) },
  "calendar.setHolidays": { audience: "cityAdmin", input: () => ({ jalaliYear: 1410, holidays: [{ jm: 1, jd: 1, nameFa: "نوروز" }] }) },
  // Billing: calls naming a city or row that does not exist reach the handler only for the permitted roles (NOT_FOUND); the real paths are in routers/billing/billing.test.ts.
  "billing.overview": { audience: "platform" },
  "billing.plan.list": { audience: "platform" },
  "billing.plan.save": { audience: "platform", input: () => ({ id: NO_ROW, code: "access-plan", nameFa: "آزمون", nameEn: "Access", monthlyPriceRial: 1, annualPriceRial: 10, includedSeats: 1, includedMessages: 1, extraSeatRial: 1, extraThousandMessagesRial: 1 }), notFoundFor: ["platform.admin", "platform.billing"] },
  "billing.account.get": { audience: "platform", input: () => ({ tenantId: NO_ROW }), notFoundFor: ["platform.admin", "platform.billing"] },
  "billing.account.update": { audience: "platform", input: () => ({ tenantId: NO_ROW, planId: null, cycle: "monthly", provider: "offline" }), notFoundFor: ["platform.admin", "platform.billing"] },
  "billing.account.restrict": { audience: "platform", input: () => ({ tenantId: NO_ROW }), notFoundFor: ["platform.admin", "platform.billing"] },
  "billing.invoice.issue": { audience: "platform", input: () => ({ tenantId: NO_ROW, jy: 1405, jm: 9, idempotencyKey: "access-matrix-invoice" }), notFoundFor: ["platform.admin", "platform.billing"] },
  "billing.invoice.get": { audience: "platform", input: () => ({ tenantId: NO_ROW, id: NO_ROW }), notFoundFor: ["platform.admin", "platform.billing"] },
  "billing.invoice.pay": { audience: "platform", input: () => ({ tenantId: NO_ROW, invoiceId: NO_ROW, amountRial: 1, paidOn: "2026-11-25", reference: "access" }), notFoundFor: ["platform.admin", "platform.billing"] },
  "billing.tenantStatus": { audience: "platform", roles: ["admin"], input: () => ({ tenantId: NO_ROW, action: "suspend" }), notFoundFor: ["platform.admin"] },
  "billing.mine": { audience: "cityAdmin" },
  "billing.myInvoice": { audience: "cityAdmin", input: () => ({ id: NO_ROW }), notFoundFor: ["tehran.admin", "shiraz.admin"] },
  "billing.state": { audience: "staff" },
  // neither city pays through Stripe: no portal to link to
  "billing.portalLink": { audience: "cityAdmin", input: () => ({ returnUrl: "http://127.0.0.1:3137/tehran/settings/billing" }), notFoundFor: ["tehran.admin", "shiraz.admin"] },
  "insight.dashboard": { audience: "staff", roles: ["admin", "supervisor", "manager", "unitstaff", "inspector"], input: () => ({ from: "2026-01-01", to: "2026-01-31" }) },
  "insight.messages": { audience: "staff", roles: ["admin", "supervisor", "manager", "unitstaff", "inspector"], input: () => ({ group: "open" }) },
  "insight.map": { audience: "staff", roles: ["admin", "supervisor", "manager", "unitstaff", "inspector"], input: () => ({ from: "2026-01-01", to: "2026-01-31" }) },
  "insight.citizens": { audience: "staff", roles: ["admin", "supervisor", "manager"], input: () => ({ from: "2026-01-01", to: "2026-01-31" }) },
  "insight.council": { audience: "staff", roles: ["admin", "supervisor", "manager"], input: () => ({ from: "2026-01-01", to: "2026-01-31" }) },
  "ranking.formulas": { audience: "staff", roles: ["admin", "supervisor", "manager"] },
  // The protected channel: reporters by receipt only; inspectors alone read (NO_ROW: the permitted role reaches the handler); the real paths in routers/protected-report.
  "protectedReport.submit": { audience: "public", input: () => ({ city: "tehran", text: "گزارش آزمون دسترسی" }) },
  "protectedReport.follow": { audience: "public", input: () => ({ city: "tehran", receipt: "12345678901234567890" }), publicAnswer: "NOT_FOUND" },
  "protectedReport.reply": { audience: "public", input: () => ({ city: "tehran", receipt: "12345678901234567890", text: "بیشتر" }), publicAnswer: "NOT_FOUND" },
  "protectedReport.count": { audience: "staff" },
  "protectedReport.list": { audience: "staff", roles: ["inspector"] },
  "protectedReport.get": { audience: "staff", roles: ["inspector"], input: () => ({ id: NO_ROW }), notFoundFor: ["tehran.inspector"] },
  "protectedReport.photo": { audience: "staff", roles: ["inspector"], input: () => ({ id: NO_ROW, entryId: NO_ROW }), notFoundFor: ["tehran.inspector"] },
  "protectedReport.ask": { audience: "staff", roles: ["inspector"], input: () => ({ id: NO_ROW, text: "سؤال" }), notFoundFor: ["tehran.inspector"] },
  "protectedReport.setStatus": { audience: "staff", roles: ["inspector"], input: () => ({ id: NO_ROW, status: "closed" }), notFoundFor: ["tehran.inspector"] },
  // Direct sessions: the timetable for all staff; ids the matrix does not have (NO_ROW) reach the handler as NOT_FOUND for the permitted roles (the real flow and Shiraz against Qom in routers/direct-session).
  "directSession.list": { audience: "staff" },
  "directSession.create": { audience: "staff", roles: ["admin", "supervisor"], input: () => ({ staffId: NO_ROW, titleFa: "معاون شهردار", titleEn: "Deputy Mayor", unitId: NO_ROW, date: "2027-02-03", start: "10:00", end: "11:00" }), notFoundFor: ["tehran.admin", "tehran.supervisor", "shiraz.admin"] },
  "directSession.step": { audience: "staff", roles: ["admin", "supervisor", "operator", "manager"], input: () => ({ id: NO_ROW, action: "end" }), notFoundFor: ["tehran.admin", "tehran.supervisor", "tehran.operator", "tehran.manager", "shiraz.admin"] },
  "directSession.questions": { audience: "staff", roles: ["admin", "supervisor", "operator", "manager"], input: () => ({ id: NO_ROW }), notFoundFor: ["tehran.admin", "tehran.supervisor", "tehran.operator", "tehran.manager", "shiraz.admin"] },
  "directSession.answer": { audience: "staff", roles: ["admin", "supervisor", "manager"], input: () => ({ requestId: NO_ROW, note: "پاسخ" }), notFoundFor: ["tehran.admin", "tehran.supervisor", "tehran.manager", "shiraz.admin"] },
  "directSession.portal": { audience: "public", input: () => ({ city: "tehran" }) },
  "ranking.list": { audience: "staff", roles: ["admin", "supervisor", "manager"], input: () => ({ period: { kind: "month", jy: 1405, jm: 8 } }) },
  "ranking.saveFormula": { audience: "cityAdmin", input: () => ({ weights: { compliance: 40, resolutionTime: 25, satisfaction: 20, reopen: 15 }, minVolume: 30, targetHours: 72 }) },
};

let api: TestApi;
let fixtures: Fixtures;
const tokens: Record<string, () => Promise<string>> = {};

beforeAll(async () => {
  api = await createTestApi();
  for (const role of ["admin", "supervisor", "operator", "unitstaff", "manager", "inspector"]) {
    tokens[`tehran.${role}`] = () => api.signIn("tehran", `tehran.${role}`);
  }
  tokens["shiraz.admin"] = () => api.signIn("shiraz", "shiraz.admin");
  tokens["platform.admin"] = () => api.signIn(null, "platform.admin");
  tokens["platform.billing"] = () => api.signIn(null, "platform.billing");
  const staffIdOf = async (city: string, username: string) =>
    (await api.caller(await api.signIn(city, `${city}.admin`)).staff.list()).find((s) => s.username === username)!.id;
  const tehranAdmin = api.caller(await api.signIn("tehran", "tehran.admin"));
  fixtures = {
    tehranOperatorId: await staffIdOf("tehran", "tehran.operator"),
    shirazOperatorId: await staffIdOf("shiraz", "shiraz.operator"),
    tehranVersionId: (await tehranAdmin.routing.get()).published!.id,
    tehranCategoryId: (await tehranAdmin.category.list()).find((c) => c.code === "waste.collection")!.id,
    tehranCalendarId: (await tehranAdmin.calendar.list())[0]!.id,
    tehranUnitCalendarId: "",
    tehranUnitId: (await tehranAdmin.unit.list()).find((u) => u.code === "R05-OFFICE")!.id,
    tehranHqId: (await tehranAdmin.unit.list()).find((u) => u.code === "HQ")!.id,
    tehranRequestId: "",
    tehranAttachmentId: "",
    tehranApiKeyId: "",
    tehranQrId: "",
    tehranTemplateId: "",
    tehranFilterId: "",
  };
  const wasteCollection = fixtures.tehranCategoryId;
  const wasteOrg = (await tehranAdmin.unit.list()).find((u) => u.code === "WASTE")!.id;
  fixtures.tehranUnitCalendarId = (await tehranAdmin.calendar.addUnitCalendar({ unitId: wasteOrg })).id;
  fixtures.tehranRequestId = (
    await tehranAdmin.request.create({ idempotencyKey: "access-fixture-1", kind: "complaint", categoryId: wasteCollection, channel: "phone", description: "نمونه", attributes: { waste_type: "household" } })
  ).id;
  const adminScope = await staffScopeOf(api.context({ token: await api.signIn("tehran", "tehran.admin"), ip: null }));
  const pdf = new TextEncoder().encode("%PDF-1.7\n%%EOF\n");
  fixtures.tehranAttachmentId = (await addAttachment(adminScope, api.files, { requestId: fixtures.tehranRequestId, purpose: "citizen", fileName: "fixture.pdf", bytes: pdf })).id;
  fixtures.tehranApiKeyId = (await tehranAdmin.apiKey.create({ label: "Access fixture" })).id;
  fixtures.tehranQrId = (await tehranAdmin.qr.create({ label: "Access fixture", placeKind: "office" }))[0]!.id;
  fixtures.tehranTemplateId = (await tehranAdmin.responseTemplate.create({ titleFa: "نمونه", titleEn: "Fixture", body: "انجام شد." })).id;
  fixtures.tehranFilterId = (await tehranAdmin.savedFilter.save({ name: "Access fixture", query: { queue: "breaches" } })).id;
});
afterAll(() => api?.close());

function call(token: string | null, path: string, input?: unknown) {
  const fn = path.split(".").reduce<any>((node, key) => node[key], api.caller(token)); // eslint-disable-line @typescript-eslint/no-explicit-any
  return fn(input) as Promise<unknown>;
}

const allowed = (audience: Audience): string[] =>
  ({
    public: [],
    authed: Object.keys(tokens),
    staff: Object.keys(tokens).filter((who) => !who.startsWith("platform.")),
    cityAdmin: ["tehran.admin", "shiraz.admin"],
    platform: ["platform.admin", "platform.billing"],
  })[audience];

describe("procedure audiences", () => {
  it("every procedure of the router is classified here", () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(PROCEDURES).sort());
  });

  for (const [path, spec] of Object.entries(PROCEDURES)) {
    it(`${path} (${spec.audience})`, async () => {
      const input = spec.input?.(fixtures);
      if (spec.audience === "public") {
        if (spec.publicAnswer) expect(await failure(call(null, path, input))).toMatchObject({ code: spec.publicAnswer });
        else await expect(call(null, path, input)).resolves.toBeDefined();
        return;
      }
      expect(await failure(call(null, path, input))).toMatchObject({ code: "UNAUTHORIZED", messageKey: "errors.unauthorized" });
      const permitted = spec.roles
        ? allowed(spec.audience).filter((who) => spec.roles!.includes(who.split(".")[1]!))
        : allowed(spec.audience);
      for (const who of Object.keys(tokens)) {
        const result = call(await tokens[who]!(), path, input);
        if (spec.notFoundFor?.includes(who)) {
          expect(await failure(result), `${who} on ${path}`).toMatchObject({ code: "NOT_FOUND" });
        } else if (spec.tehranIds && who.startsWith("shiraz.") && permitted.includes(who)) {
          // allowed by role, but the ids belong to Tehran: answered as if they did not exist
          expect(await failure(result), `${who} on ${path}`).toMatchObject({ code: "NOT_FOUND" });
        } else if (permitted.includes(who)) await expect(result, `${who} on ${path}`).resolves.toBeDefined();
        else expect(await failure(result), `${who} on ${path}`).toMatchObject({ code: "FORBIDDEN", messageKey: "errors.forbidden" });
      }
    });
  }
});

describe("another city's data", () => {
  it("a Tehran admin changing a Shiraz member's roles gets NOT_FOUND and nothing changes", async () => {
    const tehranAdmin = await api.signIn("tehran", "tehran.admin");
    const res = await failure(api.caller(tehranAdmin).staff.updateRoles({ staffId: fixtures.shirazOperatorId, roles: ["city_admin"] }));
    expect(res).toMatchObject({ code: "NOT_FOUND", messageKey: "errors.notFound" });
    const shirazStaff = await api.caller(await api.signIn("shiraz", "shiraz.admin")).staff.list();
    expect(shirazStaff.find((s) => s.id === fixtures.shirazOperatorId)!.roles).toEqual(["operator"]);

    // control: the same call on Tehran's own operator works and is audited with before/after
    const updated = await api.caller(tehranAdmin).staff.updateRoles({ staffId: fixtures.tehranOperatorId, roles: ["operator", "supervisor"] });
    expect(updated.roles).toEqual(["operator", "supervisor"]);
    const entry = (await api.caller(tehranAdmin).audit.list({ limit: 20 })).find((e) => e.action === "staff.roles_changed");
    expect(entry?.detail).toEqual({ before: ["operator"], after: ["operator", "supervisor"] });
    await api.caller(tehranAdmin).staff.updateRoles({ staffId: fixtures.tehranOperatorId, roles: ["operator"] });
  });

  it("lists show only the signed-in city's rows", async () => {
    const tehran = api.caller(await api.signIn("tehran", "tehran.admin"));
    const shiraz = api.caller(await api.signIn("shiraz", "shiraz.admin"));
    expect(await tehran.region.list()).toHaveLength(22);
    expect(await shiraz.region.list()).toHaveLength(11);
    expect((await tehran.staff.list()).some((s) => s.username.startsWith("shiraz."))).toBe(false);
    expect((await tehran.staff.list()).filter((s) => s.username.startsWith("tehran."))).toHaveLength(6);
    expect((await shiraz.unit.list()).map((u) => u.code)).toContain("R11-OFFICE");
    expect((await tehran.audit.list({ limit: 500 })).length).toBeGreaterThan(0);
    const shirazIds = new Set((await shiraz.staff.list()).map((s) => s.id));
    const tehranAudit = await tehran.audit.list({ limit: 500 });
    expect(tehranAudit.some((e) => e.targetId && shirazIds.has(e.targetId))).toBe(false);
  });

  it("platform staff see every city with its counts", async () => {
    const rows = await api.caller(await api.signIn(null, "platform.billing")).tenant.list();
    const staffOf = async (city: string) => (await api.caller(await api.signIn(city, `${city}.admin`)).staff.list()).length;
    const demo = rows.filter((r) => ["tehran", "shiraz", "qom", "mashhad"].includes(r.slug));
    expect(demo.map((r) => [r.slug, r.regionCount])).toEqual([["tehran", 22], ["shiraz", 11], ["qom", 8], ["mashhad", 13]]);
    for (const r of demo) expect(r.staffCount).toBe(await staffOf(r.slug));
    // The city provisioned by "tenant.provision" above: no regions yet, its one invited admin.
    for (const r of rows.filter((x) => !demo.includes(x))) expect([r.slug, r.regionCount, r.staffCount]).toEqual(["access-city", 0, 1]);
  });
});

describe("role changes", () => {
  it("refuses an empty role list, an unknown role, unit staff without a unit and removing one's own admin role", async () => {
    const admin = api.caller(await api.signIn("tehran", "tehran.admin"));
    const adminId = (await admin.auth.me()).user.id;
    expect(await failure(admin.staff.updateRoles({ staffId: fixtures.tehranOperatorId, roles: [] }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { roles: "errors.staff.noRole" },
    });
    expect(await failure(admin.staff.updateRoles({ staffId: fixtures.tehranOperatorId, roles: ["king" as never] }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "roles.0": "validation.invalidRole" },
    });
    expect(await failure(admin.staff.updateRoles({ staffId: "not-a-uuid", roles: ["operator"] }))).toMatchObject({
      fieldErrors: { staffId: "validation.invalid" },
    });
    expect(await failure(admin.staff.updateRoles({ staffId: fixtures.tehranOperatorId, roles: ["unit_staff"] }))).toMatchObject({
      fieldErrors: { roles: "errors.staff.unitRequired" },
    });
    expect(await failure(admin.staff.updateRoles({ staffId: adminId, roles: ["manager"] }))).toMatchObject({
      fieldErrors: { roles: "errors.staff.cannotRemoveOwnAdmin" },
    });
  });

  it("a role change applies to the member's next request", async () => {
    const admin = api.caller(await api.signIn("tehran", "tehran.admin"));
    const operatorToken = await api.signIn("tehran", "tehran.operator");
    expect(await failure(api.caller(operatorToken).staff.list())).toMatchObject({ code: "FORBIDDEN" });
    await admin.staff.updateRoles({ staffId: fixtures.tehranOperatorId, roles: ["operator", "city_admin"] });
    await expect(api.caller(operatorToken).staff.list()).resolves.toBeDefined();
    await admin.staff.updateRoles({ staffId: fixtures.tehranOperatorId, roles: ["operator"] });
    expect(await failure(api.caller(operatorToken).staff.list())).toMatchObject({ code: "FORBIDDEN" });
  });
});
