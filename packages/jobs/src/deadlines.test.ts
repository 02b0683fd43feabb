import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepDeadlines } from "./deadlines";
import { addRequest, eventRows, hours, minutes, outboxRows, seededDb, setRequest, unitsOf } from "./test-fixtures";

let t: Awaited<ReturnType<typeof seededDb>>;
let tehranUnits: Awaited<ReturnType<typeof unitsOf>>;
beforeAll(async () => {
  t = await seededDb();
  tehranUnits = await unitsOf(t.db, t.tehran);
});
afterAll(() => t?.close());

const T = new Date("2026-11-23T06:30:00.000Z");
const at = (ms: number) => new Date(T.getTime() + ms);

describe("deadline sweep", () => {
  it("reminds the assigned unit within two hours of the deadline, once however often it runs", async () => {
    const r = await addRequest(t.db, t.tehran, { deadline: T });
    const early = await sweepDeadlines(t.db, { tenantId: t.tehran, now: at(-hours(3)), requestIds: [r.id] });
    expect(early.written).toEqual({ reminder: 0, escalation1: 0, escalation2: 0 });

    const first = await sweepDeadlines(t.db, { tenantId: t.tehran, now: at(-hours(1)), requestIds: [r.id] });
    expect(first).toEqual({ looked: 1, written: { reminder: 1, escalation1: 0, escalation2: 0 } });
    const again = await sweepDeadlines(t.db, { tenantId: t.tehran, now: at(-minutes(30)), requestIds: [r.id] });
    expect(again).toEqual({ looked: 0, written: { reminder: 0, escalation1: 0, escalation2: 0 } });

    const rows = await outboxRows(t.owner, [r.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tenant_id: t.tehran,
      topic: "staff.deadline_reminder",
      dedupe_key: `reminder:${r.id}:${T.toISOString()}`,
      payload: { requestId: r.id, trackingCode: r.trackingCode, deadline: T.toISOString(), level: 0, toUnitId: tehranUnits.district.id, audience: "unit" },
    });
    const events = await eventRows(t.owner, [r.id]);
    expect(events).toEqual([expect.objectContaining({ type: "reminder", unit_id: tehranUnits.district.id })]);
  });

  it("escalates a breach to the supervising unit, then to HQ after 24 hours, each once", async () => {
    const r = await addRequest(t.db, t.tehran, { deadline: T });
    const sweep = (ms: number) => sweepDeadlines(t.db, { tenantId: t.tehran, now: at(ms), requestIds: [r.id] });

    expect((await sweep(hours(1))).written).toEqual({ reminder: 0, escalation1: 1, escalation2: 0 });
    expect((await sweep(hours(23))).written).toEqual({ reminder: 0, escalation1: 0, escalation2: 0 });
    expect((await sweep(hours(25))).written).toEqual({ reminder: 0, escalation1: 0, escalation2: 1 });
    expect((await sweep(hours(48))).looked).toBe(0);

    const rows = await outboxRows(t.owner, [r.id]);
    expect(rows.map((o) => [o.topic, o.dedupe_key, o.payload.toUnitId, o.payload.audience])).toEqual([
      ["staff.escalation", `escalation:1:${r.id}:${T.toISOString()}`, tehranUnits.region.id, "supervisor"],
      ["staff.escalation", `escalation:2:${r.id}:${T.toISOString()}`, tehranUnits.hq.id, "hq"],
    ]);
    const events = await eventRows(t.owner, [r.id]);
    expect(events.map((e) => [e.type, e.data?.level, e.unit_id])).toEqual([
      ["escalated", 1, tehranUnits.region.id],
      ["escalated", 2, tehranUnits.hq.id],
    ]);
  });

  it("gives a long-forgotten breach both levels in one sweep", async () => {
    const r = await addRequest(t.db, t.tehran, { deadline: T });
    const result = await sweepDeadlines(t.db, { tenantId: t.tehran, now: at(hours(72)), requestIds: [r.id] });
    expect(result.written).toEqual({ reminder: 0, escalation1: 1, escalation2: 1 });
  });

  it("leaves closed messages, messages without a deadline and far deadlines alone", async () => {
    const closed = await addRequest(t.db, t.tehran, { deadline: T, status: "resolved" });
    const none = await addRequest(t.db, t.tehran, { deadline: null });
    const far = await addRequest(t.db, t.tehran, { deadline: at(hours(5)) });
    const ids = [closed.id, none.id, far.id];
    const result = await sweepDeadlines(t.db, { tenantId: t.tehran, now: at(hours(30)), requestIds: ids.slice(0, 2) });
    expect(result.looked).toBe(0);
    await sweepDeadlines(t.db, { tenantId: t.tehran, now: T, requestIds: [far.id] });
    expect(await outboxRows(t.owner, ids)).toEqual([]);
  });

  it("reminds a reopened message again, for its restarted deadline", async () => {
    const r = await addRequest(t.db, t.tehran, { deadline: T });
    await sweepDeadlines(t.db, { tenantId: t.tehran, now: at(-hours(1)), requestIds: [r.id] });
    await setRequest(t.db, t.tehran, r.id, { status: "resolved" });
    expect((await sweepDeadlines(t.db, { tenantId: t.tehran, now: at(hours(2)), requestIds: [r.id] })).looked).toBe(0);

    const restarted = at(hours(72));
    await setRequest(t.db, t.tehran, r.id, { status: "reopened", deadline: restarted });
    const result = await sweepDeadlines(t.db, { tenantId: t.tehran, now: at(hours(71)), requestIds: [r.id] });
    expect(result.written.reminder).toBe(1);
    expect((await outboxRows(t.owner, [r.id])).map((o) => o.dedupe_key)).toEqual([
      `reminder:${r.id}:${T.toISOString()}`,
      `reminder:${r.id}:${restarted.toISOString()}`,
    ]);
    expect((await eventRows(t.owner, [r.id])).map((e) => e.type)).toEqual(["reminder", "reminder"]);
  });

  it("escalates corruption reports only to the inspection unit, never to HQ", async () => {
    const r = await addRequest(t.db, t.tehran, { deadline: T, kind: "corruption_report", unitId: tehranUnits.inspection.id });
    await sweepDeadlines(t.db, { tenantId: t.tehran, now: at(-hours(1)), requestIds: [r.id] });
    await sweepDeadlines(t.db, { tenantId: t.tehran, now: at(hours(30)), requestIds: [r.id] });
    const rows = await outboxRows(t.owner, [r.id]);
    expect(rows.map((o) => o.dedupe_key.slice(0, o.dedupe_key.indexOf(r.id)))).toEqual(["reminder:", "escalation:1:", "escalation:2:"]);
    expect(rows.every((o) => o.payload.toUnitId === tehranUnits.inspection.id && o.payload.audience === "inspection")).toBe(true);
    expect(rows.some((o) => o.payload.toUnitId === tehranUnits.hq.id)).toBe(false);
    expect((await eventRows(t.owner, [r.id])).map((e) => [e.type, e.unit_id])).toEqual([
      ["reminder", tehranUnits.inspection.id],
      ["escalated", tehranUnits.inspection.id],
      ["escalated", tehranUnits.inspection.id],
    ]);
  });

  it("writes each notice once when two sweeps of the whole city run at the same time", async () => {
    const base = new Date("2027-03-01T08:00:00.000Z");
    const deadlines = [-hours(30), -hours(30), -hours(2), -hours(2), -minutes(1), minutes(10), minutes(90), hours(1), hours(3), -hours(48)];
    const made = [];
    for (let i = 0; i < 4; i++) for (const d of deadlines) made.push(await addRequest(t.db, t.tehran, { deadline: new Date(base.getTime() + d) }));
    const ids = made.map((r) => r.id);
    const before = await outboxRows(t.owner);

    const [a, b] = await Promise.all([
      sweepDeadlines(t.db, { tenantId: t.tehran, now: base, batchSize: 7 }),
      sweepDeadlines(t.db, { tenantId: t.tehran, now: base, batchSize: 7 }),
    ]);
    // Per 10 messages: 3 long breaches (2 notices each), 3 breaches, 3 approaching, 1 too far.
    const mine = await outboxRows(t.owner, ids);
    expect(mine).toHaveLength(4 * 12);
    expect(new Set(mine.map((o) => o.dedupe_key)).size).toBe(4 * 12);
    expect(mine.filter((o) => o.topic === "staff.deadline_reminder")).toHaveLength(4 * 3);
    expect(mine.filter((o) => o.dedupe_key.startsWith("escalation:2:"))).toHaveLength(4 * 3);
    // What the two sweeps say they wrote is exactly what was written (older messages of the city included).
    const after = await outboxRows(t.owner);
    const total = (r: typeof a) => r.written.reminder + r.written.escalation1 + r.written.escalation2;
    expect(total(a) + total(b)).toBe(after.length - before.length);
    expect(await eventRows(t.owner, ids)).toHaveLength(48);

    const third = await sweepDeadlines(t.db, { tenantId: t.tehran, now: base });
    expect(third.looked).toBe(0);
  });
});

describe("isolation between cities", () => {
  it("a sweep for Tehran writes nothing for Shiraz, and a Tehran message id means nothing to Shiraz", async () => {
    const when = new Date("2027-06-01T08:00:00.000Z");
    const tehranMsg = await addRequest(t.db, t.tehran, { deadline: new Date(when.getTime() - hours(3)) });
    const shirazMsg = await addRequest(t.db, t.shiraz, { deadline: new Date(when.getTime() - hours(3)) });
    const shirazRows = async () => (await outboxRows(t.owner)).filter((o) => o.tenant_id === t.shiraz);
    const shirazBefore = (await shirazRows()).length;

    const tehranResult = await sweepDeadlines(t.db, { tenantId: t.tehran, now: when });
    expect(tehranResult.written.escalation1).toBeGreaterThan(0);
    expect((await outboxRows(t.owner, [tehranMsg.id])).map((o) => o.tenant_id)).toEqual([t.tehran]);
    expect((await shirazRows()).length).toBe(shirazBefore);
    expect(await outboxRows(t.owner, [shirazMsg.id])).toEqual([]);

    // Another city's message id under Shiraz's tenant: nothing; under its own: positive control.
    const late = await addRequest(t.db, t.tehran, { deadline: new Date(when.getTime() - hours(1)) });
    expect(await sweepDeadlines(t.db, { tenantId: t.shiraz, now: when, requestIds: [late.id] })).toEqual({ looked: 0, written: { reminder: 0, escalation1: 0, escalation2: 0 } });
    expect(await outboxRows(t.owner, [late.id])).toEqual([]);
    expect((await sweepDeadlines(t.db, { tenantId: t.tehran, now: when, requestIds: [late.id] })).written.escalation1).toBe(1);

    // A city that does not exist, or no city at all, sees nothing.
    expect((await sweepDeadlines(t.db, { tenantId: "00000000-0000-4000-8000-000000000000", now: when })).looked).toBe(0);
    expect((await sweepDeadlines(t.db, { tenantId: "", now: when })).looked).toBe(0);

    // Shiraz's own sweep does reach its message, with Shiraz's units.
    const shirazUnits = await unitsOf(t.db, t.shiraz);
    await sweepDeadlines(t.db, { tenantId: t.shiraz, now: when });
    expect((await outboxRows(t.owner, [shirazMsg.id])).map((o) => [o.tenant_id, o.payload.toUnitId])).toEqual([[t.shiraz, shirazUnits.region.id]]);
  });
});
