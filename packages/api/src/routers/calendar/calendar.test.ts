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
});
