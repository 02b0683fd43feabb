import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

describe("SLA calendar and holidays", () => {
  it("the demo city has this Jalali year's holidays, Nowruz first", async () => {
    const op = api.caller(await api.signIn("qom", "qom.operator"));
    const days = await op.calendar.holidays({ jalaliYear: 1405 });
    expect(days[0]).toMatchObject({ date: "2026-03-21", nameFa: "عید نوروز" });
    expect(days.length).toBeGreaterThan(20);
  });

  it("replaces a year's holidays, refusing a date that does not exist in that year", async () => {
    const admin = api.caller(await api.signIn("qom", "qom.admin"));
    expect(await failure(admin.calendar.setHolidays({ jalaliYear: 1404, holidays: [{ jm: 12, jd: 30, nameFa: "سی اسفند" }] }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "holidays.0.jd": "errors.calendar.noSuchDate" },
    });
    const saved = await admin.calendar.setHolidays({ jalaliYear: 1406, holidays: [{ jm: 1, jd: 1, nameFa: "عید نوروز" }, { jm: 1, jd: 2, nameFa: "عید نوروز" }] });
    expect(saved.map((h) => h.date)).toEqual(["2027-03-21", "2027-03-22"]);
  });

  it("refuses working hours that end before they start", async () => {
    const admin = api.caller(await api.signIn("qom", "qom.admin"));
    const cal = (await admin.calendar.list())[0]!;
    const week = [[{ start: "16:00", end: "08:00" }], [], [], [], [], [], []];
    expect(await failure(admin.calendar.update({ calendarId: cal.id, mode: "business", week }))).toMatchObject({ fieldErrors: { week: "errors.calendar.invalid" } });
  });

  it("gives a unit its own hours, used for its deadlines, and takes them away again", async () => {
    api.setNow(new Date("2026-11-27T19:00:00+03:30"));
    const admin = api.caller(await api.signIn("tehran", "tehran.admin"));
    const units = await admin.unit.list();
    const parks = units.find((u) => u.code === "PARKS")!;
    const cal = await admin.calendar.addUnitCalendar({ unitId: parks.id });
    expect(cal).toMatchObject({ unitId: parks.id, name: parks.nameFa, mode: "business" });
    expect(await failure(admin.calendar.addUnitCalendar({ unitId: parks.id }))).toMatchObject({ code: "CONFLICT", fieldErrors: { unitId: "errors.calendar.unitHasOne" } });
    // Parks work round the clock: a five-day tree job registered on Friday evening counts from then.
    await admin.calendar.update({ calendarId: cal.id, mode: "24x7", week: cal.week });
    const category = (await admin.category.list()).find((c) => c.code === "green.trees")!;
    api.setNow(new Date("2026-11-27T20:00:00+03:30"));
    const op = api.caller(await api.signIn("tehran", "tehran.operator"));
    const r = await op.request.create({ idempotencyKey: "unit-calendar-1", kind: "request", categoryId: category.id, channel: "phone", description: "درخت افتاده" });
    expect(r.unitId).toBe(parks.id);
    expect(r.deadline).toBe(new Date(new Date("2026-11-27T20:00:00+03:30").getTime() + category.slaMinutes! * 60_000).toISOString());
    // Another city cannot touch it; the city's own calendar cannot be removed this way.
    const shiraz = api.caller(await api.signIn("shiraz", "shiraz.admin"));
    expect(await failure(shiraz.calendar.removeUnitCalendar({ calendarId: cal.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(shiraz.calendar.addUnitCalendar({ unitId: parks.id }))).toMatchObject({ code: "NOT_FOUND" });
    const cityCalendar = (await admin.calendar.list()).find((c) => c.unitId === null)!;
    expect(await failure(admin.calendar.removeUnitCalendar({ calendarId: cityCalendar.id }))).toMatchObject({ code: "NOT_FOUND" });
    await admin.calendar.removeUnitCalendar({ calendarId: cal.id });
    expect((await admin.calendar.list()).some((c) => c.unitId === parks.id)).toBe(false);
  });
});
