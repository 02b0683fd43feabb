import { AppError, compileCalendar, jalaliToIsoDate, notFound, type SlaCalendarConfig } from "@city137/core";
import { listCalendars, listHolidays, recordAudit, replaceHolidays, updateCalendar } from "@city137/db";
import { ZHolidayYearInput, ZSetHolidaysInput, ZUpdateCalendarInput } from "@city137/validators";
import { cityAdminProcedure, router, staffProcedure } from "../../trpc";

export const calendarRouter = router({
  list: staffProcedure.query(({ ctx }) => ctx.tenant((tx) => listCalendars(tx, { tenantId: ctx.tenantId }))),

  update: cityAdminProcedure.input(ZUpdateCalendarInput).mutation(({ ctx, input }) => {
    try {
      compileCalendar({ mode: input.mode, week: input.week as SlaCalendarConfig["week"], holidays: [] });
    } catch (err) {
      throw new AppError("BAD_REQUEST", "errors.calendar.invalid", { field: "week", cause: err });
    }
    return ctx.tenant(async (tx) => {
      const row = await updateCalendar(tx, { tenantId: ctx.tenantId, ...input });
      if (!row) throw notFound();
      await recordAudit(tx, ctx.tenantId, { action: "config.calendar_changed", actorId: ctx.session.user.id, targetType: "sla_calendar", targetId: row.id, detail: { mode: input.mode, week: input.week }, ip: ctx.ip });
      return row;
    });
  }),

  holidays: staffProcedure.input(ZHolidayYearInput).query(({ ctx, input }) =>
    ctx.tenant((tx) => listHolidays(tx, { tenantId: ctx.tenantId, jalaliYear: input.jalaliYear })),
  ),

  /** Replaces a Jalali year's holiday list; a date that does not exist is refused by row. */
  setHolidays: cityAdminProcedure.input(ZSetHolidaysInput).mutation(({ ctx, input }) => {
    const rows = input.holidays.map((h, i) => {
      const date = jalaliToIsoDate({ jy: input.jalaliYear, jm: h.jm, jd: h.jd });
      if (!date) throw new AppError("BAD_REQUEST", "errors.calendar.noSuchDate", { field: `holidays.${i}.jd` });
      return { date, nameFa: h.nameFa, nameEn: h.nameEn };
    });
    if (new Set(rows.map((r) => r.date)).size !== rows.length) {
      throw new AppError("BAD_REQUEST", "errors.calendar.duplicateDate", { field: "holidays" });
    }
    return ctx.tenant(async (tx) => {
      const before = await listHolidays(tx, { tenantId: ctx.tenantId, jalaliYear: input.jalaliYear });
      await replaceHolidays(tx, { tenantId: ctx.tenantId, jalaliYear: input.jalaliYear, rows });
      await recordAudit(tx, ctx.tenantId, { action: "config.holidays_changed", actorId: ctx.session.user.id, targetType: "holidays", targetId: String(input.jalaliYear), detail: { before: before.map((b) => b.date), after: rows.map((r) => r.date) }, ip: ctx.ip });
      return listHolidays(tx, { tenantId: ctx.tenantId, jalaliYear: input.jalaliYear });
    });
  }),
});
