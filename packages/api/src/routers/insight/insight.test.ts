import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema, withTenant } from "@city137/db";
import { shiftOfMinute, tehranDayAndMinute } from "@city137/core";
import { createTestApi, failure, type TestApi } from "../../test-utils";

const { requestFeedback, requests, requestSupporters } = schema;

let api: TestApi;
let tehranId: string;
let shirazId: string;
type Caller = ReturnType<TestApi["caller"]>;
let op: Caller, sup: Caller, manager: Caller, inspector: Caller, unitstaff: Caller, admin: Caller, shirazManager: Caller, shirazOp: Caller, shirazAdmin: Caller;
const ids = new Map<string, string>();
let key = 0;
const k = () => `insight-key-${++key}-${Date.now()}`;
const at = (s: string) => api.setNow(new Date(s));
const R01_D01 = { lat: 35.82, lon: 51.101 };
const msg = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: k(),
  kind: "complaint" as const,
  categoryId: ids.get("waste.collection")!,
  channel: "phone" as const,
  description: "زباله‌های کوچه جمع نشده",
  attributes: { waste_type: "household" },
  ...R01_D01,
  citizen: { name: "شهروند", mobile: "09120000001" },
  ...over,
});
const RANGE = { from: "2026-11-01", to: "2026-11-10" }; // inside Aban 1405

async function feedback(tenantId: string, requestId: string, unitId: string | null, score: number) {
  await withTenant(api.db, tenantId, (tx) => tx.insert(requestFeedback).values({ tenantId, requestId, unitId, score, source: "phone", createdAt: new Date("2026-11-08T10:00:00+03:30") }));
}

beforeAll(async () => {
  api = await createTestApi();
  const sign = async (c: string, u: string) => api.caller(await api.signIn(c, u));
  op = await sign("tehran", "tehran.operator");
  sup = await sign("tehran", "tehran.supervisor");
  manager = await sign("tehran", "tehran.manager");
  inspector = await sign("tehran", "tehran.inspector");
  unitstaff = await sign("tehran", "tehran.unitstaff");
  admin = await sign("tehran", "tehran.admin");
  shirazManager = await sign("shiraz", "shiraz.manager");
  shirazOp = await sign("shiraz", "shiraz.operator");
  shirazAdmin = await sign("shiraz", "shiraz.admin");
  for (const c of await admin.category.list()) ids.set(c.code, c.id);
  for (const u of await admin.unit.list()) ids.set(u.code, u.id);
  tehranId = (await api.caller().city.get({ slug: "tehran" })).id;
  shirazId = (await api.caller().city.get({ slug: "shiraz" })).id;

  // A week of Tehran messages at different hours, with every outcome a figure counts.
  const made: string[] = [];
  const mk = async (when: string, over: Record<string, unknown> = {}) => {
    at(when);
    const r = await op.request.create(msg(over));
    made.push(r.id);
    return r;
  };
  const a = await mk("2026-11-01T09:00:00+03:30", { citizen: { name: "الف", mobile: "09121111111" } }); // morning, resolved on time
  const b = await mk("2026-11-01T15:00:00+03:30", { citizen: { name: "الف", mobile: "09121111111" } }); // noon, resolved late, reopened
  const c = await mk("2026-11-02T23:30:00+03:30", { channel: "web" }); // night, left open
  const d = await mk("2026-11-03T10:00:00+03:30"); // duplicate of c
  const e = await mk("2026-11-04T10:00:00+03:30", { categoryId: ids.get("roads.flooding"), kind: "request", attributes: {} }); // HQ, resolved fast
  const f = await mk("2026-11-04T11:00:00+03:30", { categoryId: ids.get("roads.flooding"), kind: "request", attributes: {} }); // HQ, forwarded
  const g = await mk("2026-11-05T12:00:00+03:30", { categoryId: ids.get("roads.flooding"), kind: "request", attributes: {} }); // HQ, resolved
  await mk("2026-11-06T08:00:00+03:30", { kind: "corruption_report", categoryId: ids.get("corruption"), attributes: {}, description: "درخواست رشوه در دفتر ناحیه", citizen: { name: "محرمانه", mobile: "09129999999" } });
  await mk("2025-11-03T10:00:00+03:30"); // the same days last year
  at("2026-11-01T12:00:00+03:30");
  await sup.request.transition({ id: a.id, action: "resolve", note: "جمع‌آوری شد" });
  at("2026-11-06T12:00:00+03:30");
  await sup.request.transition({ id: b.id, action: "resolve", note: "جمع‌آوری شد" });
  await sup.request.transition({ id: b.id, action: "reopen", note: "هنوز مانده" });
  await sup.request.transition({ id: d.id, action: "mark_duplicate", duplicateOf: c.id, note: "" });
  at("2026-11-04T11:00:00+03:30");
  await sup.request.transition({ id: e.id, action: "resolve", note: "آب‌گرفتگی رفع شد" });
  await sup.request.transition({ id: f.id, action: "forward", externalAgency: "آب و فاضلاب", note: "" });
  at("2026-11-07T12:00:00+03:30");
  await sup.request.transition({ id: g.id, action: "resolve", note: "رفع شد" });
  await feedback(tehranId, a.id, ids.get("R01-D01-OFFICE")!, 5);
  await feedback(tehranId, e.id, ids.get("HQ")!, 2);
  await withTenant(api.db, tehranId, (tx) => tx.insert(requestSupporters).values({ tenantId: tehranId, requestId: c.id, mobile: "09121111111", channel: "phone", createdAt: new Date("2026-11-08T10:00:00+03:30") }));
  // Shiraz: one message in the same days.
  const shirazCats = await shirazAdmin.category.list();
  at("2026-11-02T10:00:00+03:30");
  await shirazOp.request.create(msg({ categoryId: shirazCats.find((x) => x.code === "waste.collection")!.id, lat: null, lon: null, attributes: { waste_type: "household" } }));
  at("2026-11-20T12:00:00+03:30");
});
afterAll(() => api?.close());

/** The city's messages as rows, to count figures the slow way. */
const raw = (tenantId: string) => withTenant(api.db, tenantId, (tx) => tx.select().from(requests)).then((rows) => rows.filter((r) => r.tenantId === tenantId));
const inRange = (r: { createdAt: Date }) => r.createdAt >= new Date("2026-11-01T00:00:00+03:30") && r.createdAt < new Date("2026-11-11T00:00:00+03:30");

describe("dashboard figures", () => {
  it("agree exactly with the raw messages, and each figure's drill-down lists as many messages as it says", async () => {
    const rows = (await raw(tehranId)).filter(inRange).filter((r) => r.kind !== "corruption_report");
    const d = await manager.insight.dashboard({ ...RANGE, granularity: "day", dimension: "channel" });
    expect(d.total).toBe(rows.length);
    expect(d.total).toBe(7); // the fixture, so the slow count is not trivially zero
    const byChannel = (ch: string) => rows.filter((r) => r.channel === ch).length;
    expect(d.totals).toEqual([{ key: "phone", count: byChannel("phone") }, { key: "web", count: byChannel("web") }]);
    expect(d.series.reduce((a, s) => a + s.count, 0)).toBe(rows.length);
    const shift = (s: string) => rows.filter((r) => shiftOfMinute(tehranDayAndMinute(r.createdAt).minute) === s).length;
    expect(d.shifts.map((s) => [s.key, s.count])).toEqual([["morning", shift("morning")], ["noon", shift("noon")], ["night", shift("night")]]);
    const now = new Date("2026-11-20T12:00:00+03:30");
    const counts = {
      all: rows.length,
      open: rows.filter((r) => ["registered", "referred", "in_progress", "reopened"].includes(r.status)).length,
      resolved: rows.filter((r) => r.resolvedAt).length,
      onTime: rows.filter((r) => r.deadline && r.resolvedAt && r.resolvedAt <= r.deadline && ["resolved", "closed"].includes(r.status)).length,
      due: rows.filter((r) => r.deadline && (r.resolvedAt || r.deadline < now)).length,
      duplicate: rows.filter((r) => r.status === "duplicate").length,
      forwarded: rows.filter((r) => r.status === "forwarded").length,
    };
    expect(d.service.counts).toMatchObject({ ...counts, reopened: 1, rated: 2 });
    expect(d.service.satisfaction).toBe(3.5);
    // resolved after 1, 3, 48 and 117 hours: hours buckets 1, 3, 48 and 120; the 2nd and the 4th of four (percentile_disc)
    expect(d.service.resolutionHours).toEqual({ p50: 3, p90: 120 });
    expect(d.lastYear).toMatchObject({ total: 1, growth: 600 });
    expect(d.topCategories[0]).toEqual({ key: ids.get("waste.collection"), count: 4 });
    for (const [group, figure] of [["open", counts.open], ["resolved", counts.resolved], ["on_time", counts.onTime], ["late", counts.due - counts.onTime], ["duplicate", counts.duplicate], ["forwarded", counts.forwarded], ["reopened", 1], ["rated", 2]] as const) {
      const list = await manager.insight.messages({ ...RANGE, group });
      expect([group, list.total, list.rows.length]).toEqual([group, figure, figure]);
    }
    // A bar of the chart drills into the messages of that day and channel.
    const bar = d.series.find((s) => s.key === "web")!;
    const list = await manager.insight.messages({ from: bar.from, to: bar.to, slice: { dimension: "channel", key: "web" } });
    expect(list.total).toBe(bar.count);
    expect(list.rows.every((r) => r.channel === "web")).toBe(true);
  });

  it("counts open messages by age now, and the backlog drills into each bucket", async () => {
    const d = await manager.insight.dashboard({ ...RANGE });
    const open = (await raw(tehranId)).filter((r) => r.kind !== "corruption_report" && ["registered", "referred", "in_progress", "reopened"].includes(r.status));
    expect(d.backlog.reduce((a, b) => a + b.count, 0)).toBe(open.length);
    for (const b of d.backlog) expect((await manager.insight.messages({ group: "open", ageing: b.key })).total).toBe(b.count);
  });

  it("keeps corruption reports to inspectors, showing others only how many there were", async () => {
    const m = await manager.insight.dashboard({ ...RANGE, dimension: "kind" });
    expect(m.totals.find((t) => t.key === "corruption_report")).toBeUndefined();
    expect(m.corruptionReports).toBe(1);
    expect((await manager.insight.messages({ ...RANGE })).rows.some((r) => r.kind === "corruption_report")).toBe(false);
    const i = await inspector.insight.dashboard({ ...RANGE, dimension: "kind" });
    expect(i.totals.find((t) => t.key === "corruption_report")?.count).toBe(1);
    expect(i.corruptionReports).toBeNull();
    expect(i.total).toBe(m.total + 1);
  });

  it("shows unit staff only their own units' figures", async () => {
    const me = await unitstaff.auth.me();
    const unitIds = me.kind === "city" ? me.user.unitIds : [];
    const mine = (await raw(tehranId)).filter(inRange).filter((r) => r.kind !== "corruption_report" && r.unitId && unitIds.includes(r.unitId));
    const d = await unitstaff.insight.dashboard({ ...RANGE, dimension: "unit" });
    expect(d.total).toBe(mine.length);
    expect(d.totals.every((t) => unitIds.includes(t.key))).toBe(true);
    expect(d.total).toBeLessThan((await manager.insight.dashboard({ ...RANGE })).total);
  });

  it("never mixes cities: Shiraz's manager sees Shiraz's message and none of Tehran's", async () => {
    const s = await shirazManager.insight.dashboard({ ...RANGE });
    expect(s.total).toBe((await raw(shirazId)).filter(inRange).length);
    expect(s.total).toBe(1); // positive control: the figure does count Shiraz's own message
    expect(s.corruptionReports).toBe(0);
    const list = await shirazManager.insight.messages({ ...RANGE });
    const tehranCodes = new Set((await raw(tehranId)).map((r) => r.trackingCode));
    expect(list.rows).toHaveLength(1);
    expect(list.rows.some((r) => tehranCodes.has(r.trackingCode))).toBe(false);
  });

  it("refuses a range that runs backwards, naming the field; operators have no dashboards", async () => {
    expect(await failure(manager.insight.dashboard({ from: "2026-11-10", to: "2026-11-01" }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { to: "validation.invalid" } });
    expect(await failure(op.insight.dashboard(RANGE))).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("map", () => {
  it("gives each district its volume, compliance and satisfaction as the raw messages do, a heatmap, and drills into a district's messages of a category", async () => {
    const rows = (await raw(tehranId)).filter(inRange).filter((r) => r.kind !== "corruption_report");
    const m = await manager.insight.map(RANGE);
    const now = new Date("2026-11-20T12:00:00+03:30");
    const districts = [...new Set(rows.map((r) => r.districtId).filter((x): x is string => !!x))];
    expect(districts.length).toBeGreaterThan(0);
    for (const id of districts) {
      const mine = rows.filter((r) => r.districtId === id);
      const due = mine.filter((r) => r.deadline && (r.resolvedAt || r.deadline < now));
      const onTime = mine.filter((r) => r.deadline && r.resolvedAt && r.resolvedAt <= r.deadline && ["resolved", "closed"].includes(r.status));
      expect(m.districts.find((d) => d.districtId === id)).toMatchObject({ volume: mine.length, due: due.length, onTime: onTime.length });
    }
    expect(m.districts.reduce((a, d) => a + d.volume, 0)).toBe(rows.filter((r) => r.districtId).length);
    expect(m.heat.reduce((a, c) => a + c.count, 0)).toBe(rows.filter((r) => r.lat !== null && r.lon !== null).length);
    // One category: the district's count and its drill-down agree.
    const waste = ids.get("waste.collection")!;
    const w = await manager.insight.map({ ...RANGE, categoryId: waste });
    const top = w.districts.sort((a, b) => b.volume - a.volume)[0]!;
    expect(top.volume).toBe(rows.filter((r) => r.districtId === top.districtId && r.categoryId === waste).length);
    const list = await manager.insight.messages({ ...RANGE, slice: { dimension: "district", key: top.districtId }, categoryId: waste });
    expect(list.total).toBe(top.volume);
    expect(list.rows.every((r) => r.categoryId === waste)).toBe(true);
  });

  it("keeps cities apart: another city's category is NOT_FOUND, the city's own is found", async () => {
    const waste = ids.get("waste.collection")!;
    expect(await failure(shirazManager.insight.map({ ...RANGE, categoryId: waste }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(shirazManager.insight.messages({ ...RANGE, categoryId: waste }))).toMatchObject({ code: "NOT_FOUND" });
    const shirazWaste = (await shirazAdmin.category.list()).find((c) => c.code === "waste.collection")!.id;
    expect((await shirazManager.insight.map({ ...RANGE, categoryId: shirazWaste })).heat.reduce((a, c) => a + c.count, 0)).toBe(0); // Shiraz's message has no location
    expect((await shirazManager.insight.messages({ ...RANGE, categoryId: shirazWaste })).total).toBe(1); // control: its own category is found
    expect((await shirazManager.insight.map(RANGE)).districts).toEqual([]);
  });
});

describe("rankings", () => {
  const period = { kind: "month" as const, jy: 1405, jm: 8 }; // Aban 1405: 2026-10-23 … 2026-11-21

  it("ranks units with enough messages, explains each score, and gives the same table again", async () => {
    const first = await manager.ranking.list({ period });
    expect(first.formula.version).toBe(0);
    expect(first.rows.every((r) => !r.ranked)).toBe(true); // the default minimum (30) is far above the fixture
    await admin.ranking.saveFormula({ weights: { compliance: 40, resolutionTime: 25, satisfaction: 20, reopen: 15 }, minVolume: 2, targetHours: 72 });
    const v1 = await manager.ranking.list({ period });
    expect(v1.formula.version).toBe(1);
    const office = v1.rows.find((r) => r.id === ids.get("R01-D01-OFFICE"))!;
    const hq = v1.rows.find((r) => r.id === ids.get("HQ"))!;
    expect(office).toMatchObject({ volume: 2, ranked: true }); // the duplicate is left out; the night message went to HQ
    expect(hq).toMatchObject({ volume: 3, ranked: true }); // the forwarded one is not HQ's work; the corruption report never counts
    expect(hq.subScores.find((s) => s.key === "satisfaction")).toMatchObject({ value: 25, numerator: 2, denominator: 1 });
    expect(office.subScores.find((s) => s.key === "reopen")).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(await manager.ranking.list({ period })).toEqual(v1);
    // office: compliance 1/2, in target 1/2, satisfaction 5/5, not reopened 1/2 → 60; HQ: 1/3, 2/2, 2/5, 2/2 → 58.3
    expect(v1.rows.filter((r) => r.ranked).map((r) => [r.id, r.score])).toEqual([[ids.get("R01-D01-OFFICE"), 60], [ids.get("HQ"), 58.3]]);
    // Only speed counts now: HQ resolved both of its messages within 72 hours, the office one of two.
    await admin.ranking.saveFormula({ weights: { compliance: 0, resolutionTime: 100, satisfaction: 0, reopen: 0 }, minVolume: 2, targetHours: 72 });
    const v2 = await manager.ranking.list({ period });
    expect(v2.formula.version).toBe(2);
    expect(v2.rows.filter((r) => r.ranked).map((r) => [r.id, r.score])).toEqual([[ids.get("HQ"), 100], [ids.get("R01-D01-OFFICE"), 50]]);
    // The earlier version still gives its own table.
    expect(await manager.ranking.list({ period, version: 1 })).toEqual(v1);
    // Each save is in the city's audit log under its own label, with the weights before and after.
    const entries = (await admin.audit.list({ limit: 50 })).filter((e) => e.action === "config.scoring_weights_changed");
    expect(entries.map((e) => e.targetId)).toEqual(["2", "1"]);
    expect(entries[0]!.detail).toMatchObject({ from: { version: 1, weights: { compliance: 40 } }, to: { version: 2, weights: { resolutionTime: 100 } } });
    expect((await shirazAdmin.audit.list({ limit: 50 })).some((e) => e.action === "config.scoring_weights_changed")).toBe(false);
  });

  it("the sub-scores' counts agree with the drill-down lists", async () => {
    const v = await manager.ranking.list({ period, version: 1 });
    const office = v.rows.find((r) => r.id === ids.get("R01-D01-OFFICE"))!;
    const from = "2026-10-23", to = "2026-11-21";
    const slice = { dimension: "unit" as const, key: office.id };
    const compliance = office.subScores.find((s) => s.key === "compliance")!;
    expect((await manager.insight.messages({ from, to, slice, group: "on_time" })).total).toBe(compliance.numerator);
    expect((await manager.insight.messages({ from, to, slice, group: "due" })).rows.filter((r) => r.status !== "duplicate").length).toBe(compliance.denominator);
  });

  it("refuses bad weights naming the field, lets only the city admin save, and keeps cities apart", async () => {
    expect(await failure(admin.ranking.saveFormula({ weights: { compliance: 0, resolutionTime: 0, satisfaction: 0, reopen: 0 }, minVolume: 2, targetHours: 72 }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { weights: "insight.errors.allZero" } });
    expect(await failure(admin.ranking.saveFormula({ weights: { compliance: 101, resolutionTime: 0, satisfaction: 0, reopen: 0 }, minVolume: 2, targetHours: 72 }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await failure(manager.ranking.saveFormula({ weights: { compliance: 1, resolutionTime: 0, satisfaction: 0, reopen: 0 }, minVolume: 2, targetHours: 72 }))).toMatchObject({ code: "FORBIDDEN" });
    expect((await shirazManager.ranking.formulas()).versions).toEqual([]);
    expect((await manager.ranking.formulas()).versions.length).toBeGreaterThan(0); // positive control
    expect(await failure(shirazManager.ranking.list({ period, version: 1 }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("citizens and council", () => {
  it("ranks engaged citizens by masked mobile, without rejected, duplicate or confidential messages", async () => {
    const list = await manager.insight.citizens(RANGE);
    expect(list.find((c) => c.citizen === "0912***1111")).toMatchObject({ confirmed: 1, accepted: 1, supports: 1, feedback: 1, points: 6 });
    // confirmed ×3 + accepted + feedback + support: e and g resolved, c and f accepted, feedback on e,
    // and the duplicate d merged into c made its caller a supporter (d itself does not count)
    expect(list[0]).toMatchObject({ rank: 1, citizen: "0912***0001", confirmed: 2, accepted: 2, feedback: 1, supports: 1, points: 10 });
    expect(list.some((c) => c.citizen === "0912***9999")).toBe(false); // the whistleblower
    expect(JSON.stringify(list)).not.toContain("09121111111");
    expect((await shirazManager.insight.citizens(RANGE)).length).toBe(1);
  });

  it("lists recurring problems by category and region with examples", async () => {
    const rows = await manager.insight.council({ ...RANGE, minCount: 2 });
    const waste = rows.find((r) => r.categoryId === ids.get("waste.collection"))!;
    expect(waste).toMatchObject({ count: 3 }); // 4 waste messages, one of them a duplicate
    expect(waste.examples.length).toBe(3);
    expect(rows.find((r) => r.categoryId === ids.get("roads.flooding"))).toMatchObject({ count: 3 });
    expect(await failure(unitstaff.insight.council(RANGE))).toMatchObject({ code: "FORBIDDEN" });
  });
});
