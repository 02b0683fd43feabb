import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

/**
 * "Citizen asks, manager answers": Qom's seeded Wednesday sessions, a new
 * session scheduled by the admin, a question registered by an operator
 * through request.create, answered by the manager, published to the portal.
 */
let api: TestApi;
let qomAdmin: ReturnType<TestApi["caller"]>;
let qomOperator: ReturnType<TestApi["caller"]>;
let qomManager: ReturnType<TestApi["caller"]>;
let shirazAdmin: ReturnType<TestApi["caller"]>;
let managerId: string;
let hqId: string;
let wasteCategoryId: string;

beforeAll(async () => {
  api = await createTestApi();
  api.setNow(new Date("2026-12-01T08:00:00Z"));
  qomAdmin = api.caller(await api.signIn("qom", "qom.admin"));
  qomOperator = api.caller(await api.signIn("qom", "qom.operator"));
  qomManager = api.caller(await api.signIn("qom", "qom.manager"));
  shirazAdmin = api.caller(await api.signIn("shiraz", "shiraz.admin"));
  managerId = (await qomAdmin.staff.list()).find((s) => s.username === "qom.manager")!.id;
  hqId = (await qomAdmin.unit.list()).find((u) => u.code === "HQ")!.id;
  wasteCategoryId = (await qomAdmin.category.list()).find((c) => c.code === "waste.collection")!.id;
});
afterAll(() => api?.close());

const session = (over: Record<string, unknown> = {}) => ({
  staffId: managerId,
  titleFa: "معاون خدمات شهری شهرداری قم",
  titleEn: "Deputy Mayor for Urban Services",
  unitId: hqId,
  date: "2027-01-06",
  start: "10:00",
  end: "12:00",
  ...over,
});

const question = (sessionId: string | null, over: Record<string, unknown> = {}) => ({
  idempotencyKey: `direct-${Math.random().toString(36).slice(2, 12)}`,
  kind: "inquiry" as const,
  categoryId: wasteCategoryId,
  channel: "direct_session" as const,
  description: "چرا زباله‌های کوچهٔ ما دو روز است جمع نشده؟ شماره‌ام ۰۹۱۲۳۴۵۶۷۸۹ است.",
  attributes: { waste_type: "household" },
  citizen: { name: "زهرا احمدی", mobile: "09123456789" },
  directSessionId: sessionId,
  ...over,
});

describe("the demo seed", () => {
  it("gives Qom weekly Wednesday 10:00–12:00 sessions with its manager, titled publicly", async () => {
    const list = await qomAdmin.directSession.list();
    const seeded = list.filter((s) => s.managerStaffId === managerId);
    expect(seeded.length).toBeGreaterThanOrEqual(3);
    for (const s of seeded) expect(s.tehran).toMatchObject({ weekday: 3, start: "10:00", end: "12:00" });
    expect(seeded[0]).toMatchObject({ managerName: "حسین طباطبایی", managerTitleFa: "معاون خدمات شهری شهرداری قم", status: "scheduled", unitId: hqId });
    expect(await shirazAdmin.directSession.list()).toEqual([]);
  });
});

describe("the timetable", () => {
  it("repeats weekly in Tehran time and refuses an overlap for the same manager", async () => {
    const made = await qomAdmin.directSession.create(session({ date: "2027-03-10", start: "16:00", end: "17:30", weeks: 3 }));
    expect(made.map((m) => m.startsAt)).toEqual(["2027-03-10T12:30:00.000Z", "2027-03-17T12:30:00.000Z", "2027-03-24T12:30:00.000Z"]);
    const clash = await failure(qomAdmin.directSession.create(session({ date: "2027-03-24", start: "17:00", end: "18:00" })));
    expect(clash).toMatchObject({ code: "CONFLICT", fieldErrors: { date: "errors.directSession.overlap" } });
    // Cancelled sessions free their slot.
    await qomAdmin.directSession.step({ id: made[2]!.id, action: "cancel" });
    await expect(qomAdmin.directSession.create(session({ date: "2027-03-24", start: "17:00", end: "18:00" }))).resolves.toHaveLength(1);
  });

  it("names the field of bad input", async () => {
    expect(await failure(qomAdmin.directSession.create(session({ end: "09:00" })))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { end: "errors.directSession.endBeforeStart" } });
    expect(await failure(qomAdmin.directSession.create(session({ start: "25:00" })))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { start: "validation.invalid" } });
    expect(await failure(qomAdmin.directSession.create(session({ date: "1405-10-16" })))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { date: "validation.invalid" } });
    expect(await failure(qomAdmin.directSession.create(session({ weeks: 60 })))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { weeks: "validation.invalid" } });
    expect(await failure(qomAdmin.directSession.create(session({ titleFa: "  " })))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { titleFa: "validation.required" } });
  });

  it("only admins and supervisors schedule; operators may not cancel", async () => {
    expect(await failure(qomOperator.directSession.create(session({ date: "2027-05-05" })))).toMatchObject({ code: "FORBIDDEN" });
    const [s] = await qomAdmin.directSession.create(session({ date: "2027-05-05" }));
    expect(await failure(qomOperator.directSession.step({ id: s!.id, action: "cancel" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(qomAdmin.directSession.step({ id: s!.id, action: "publish" }))).toMatchObject({ code: "CONFLICT", fieldErrors: { action: "errors.directSession.wrongStatus" } });
  });
});

describe("a live session, from question to the portal", () => {
  it("registers the caller's question through intake, routed to the session's unit; the manager answers; staff end and publish", async () => {
    // The first of the seeded Wednesday sessions.
    const s = (await qomAdmin.directSession.list()).find((x) => x.managerStaffId === managerId && x.status === "scheduled" && x.tehran.start === "10:00");
    // Not live yet: the question is refused, named at its field.
    expect(await failure(qomOperator.request.create(question(s!.id)))).toMatchObject({ code: "CONFLICT", fieldErrors: { directSessionId: "errors.directSession.notLive" } });
    await qomOperator.directSession.step({ id: s!.id, action: "start" });

    const asked = await qomOperator.request.create(question(s!.id));
    expect(asked).toMatchObject({ status: "referred", unitId: hqId });
    const full = await qomAdmin.request.get({ id: asked.id });
    expect(full).toMatchObject({ channel: "direct_session", directSessionId: s!.id, routingRuleId: null });
    expect(full.timeline.find((e) => e.type === "referred")?.data).toEqual({ directSession: s!.id });

    // The channel and the session go together.
    expect(await failure(qomOperator.request.create(question(s!.id, { channel: "phone" })))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { channel: "errors.directSession.channel" } });
    expect(await failure(qomOperator.request.create(question(null)))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { directSessionId: "validation.required" } });
    expect(await failure(qomOperator.request.create(question(s!.id, { kind: "corruption_report" })))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { kind: "errors.request.kindNotAccepted" } });

    // Another manager may not answer; the session's manager does.
    expect(await failure(qomOperator.directSession.answer({ requestId: asked.id, note: "x" }))).toMatchObject({ code: "FORBIDDEN" });
    const answer = "اکیپ پسماند امروز ساعت ۱۴ به کوچهٔ شما می‌رود؛ برای پیگیری با ۰۹۱۲۱۱۱۲۲۳۳ تماس نگیرید، کد پیگیری کافی است.";
    await expect(qomManager.directSession.answer({ requestId: asked.id, note: answer })).resolves.toMatchObject({ status: "resolved" });
    const { questions } = await qomManager.directSession.questions({ id: s!.id });
    // Stored as written, digits in ASCII (the input is normalised; the pages localise digits).
    expect(questions).toEqual([expect.objectContaining({ id: asked.id, status: "resolved", answer: "اکیپ پسماند امروز ساعت 14 به کوچهٔ شما می‌رود؛ برای پیگیری با 09121112233 تماس نگیرید، کد پیگیری کافی است." })]);

    // Not on the portal before it is published.
    const before = await api.caller(null).directSession.portal({ city: "qom" });
    expect(before.published.find((p) => p.id === s!.id)).toBeUndefined();
    expect(before.upcoming.find((p) => p.id === s!.id)).toMatchObject({ managerName: "حسین طباطبایی", status: "live" });

    expect(await failure(qomOperator.directSession.step({ id: s!.id, action: "publish" }))).toMatchObject({ code: "FORBIDDEN" });
    await qomOperator.directSession.step({ id: s!.id, action: "end" });
    await qomManager.directSession.step({ id: s!.id, action: "publish" });

    const after = await api.caller(null).directSession.portal({ city: "qom" });
    const published = after.published.find((p) => p.id === s!.id)!;
    expect(published).toMatchObject({ managerTitleFa: "معاون خدمات شهری شهرداری قم", tehran: { date: s!.tehran.date, weekday: 3, start: "10:00", end: "12:00" } });
    expect(published.questions).toEqual([{ n: 1, question: "چرا زباله‌های کوچهٔ ما دو روز است جمع نشده؟ شماره‌ام *** است.", answer: "اکیپ پسماند امروز ساعت 14 به کوچهٔ شما می‌رود؛ برای پیگیری با *** تماس نگیرید، کد پیگیری کافی است." }]);
    const text = JSON.stringify(after);
    for (const secret of ["زهرا احمدی", "09123456789", full.trackingCode]) expect(text).not.toContain(secret);
    // Another city's portal shows none of it.
    expect(JSON.stringify(await api.caller(null).directSession.portal({ city: "shiraz" }))).not.toContain(s!.id);
  });
});

describe("another city's sessions", () => {
  it("Shiraz gets NOT_FOUND for every procedure taking a Qom id, Qom itself succeeds (positive control)", async () => {
    const [s] = await qomAdmin.directSession.create(session({ date: "2027-06-02" }));
    const id = s!.id;
    expect(await failure(shirazAdmin.directSession.step({ id, action: "start" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(shirazAdmin.directSession.questions({ id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(shirazAdmin.directSession.create(session({ date: "2027-06-09" })))).toMatchObject({ code: "NOT_FOUND", fieldErrors: { staffId: "errors.directSession.unknownManager" } });
    const shirazCategory = (await shirazAdmin.category.list()).find((c) => c.code === "waste.collection")!.id;
    expect(await failure(shirazAdmin.request.create(question(id, { categoryId: shirazCategory })))).toMatchObject({ code: "NOT_FOUND", fieldErrors: { directSessionId: "errors.directSession.notFound" } });
    expect((await qomAdmin.directSession.questions({ id })).session.status).toBe("scheduled");
    await expect(qomAdmin.directSession.step({ id, action: "start" })).resolves.toMatchObject({ status: "live" });
    const asked = await qomOperator.request.create(question(id));
    expect(await failure(shirazAdmin.directSession.answer({ requestId: asked.id, note: "پاسخ" }))).toMatchObject({ code: "NOT_FOUND" });
    await expect(qomAdmin.directSession.answer({ requestId: asked.id, note: "پاسخ" })).resolves.toMatchObject({ status: "resolved" });
  });
});
