import { AppError, compileCalendar, iranianWeek, jalaliToIsoDate, notFound, type SlaCalendarConfig } from "@city137/core";

import { deleteUnitCalendar, insertUnitCalendar, listCalendars, listHolidays, listUnits, recordAudit, replaceHolidays, updateCalendar } from "@city137/db";
import { ZAddUnitCalendarInput, ZHolidayYearInput, ZRemoveCalendarInput, ZSetHolidaysInput, ZUpdateCalendarInput } from "@city137/validators";
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

  /** A unit's own working hours (e.g. a 24/7 HQ or a Saturday-to-Wednesday organisation), starting from the city's. */
  addUnitCalendar: cityAdminProcedure.input(ZAddUnitCalendarInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const unit = (await listUnits(tx, { tenantId: ctx.tenantId })).find((u) => u.id === input.unitId);
      if (!unit) throw new AppError("NOT_FOUND", "errors.staff.unknownUnit", { field: "unitId" });
      const calendars = await listCalendars(tx, { tenantId: ctx.tenantId });
      if (calendars.some((c) => c.unitId === unit.id)) throw new AppError("CONFLICT", "errors.calendar.unitHasOne", { field: "unitId" });
      const city = calendars.find((c) => c.unitId === null);
      const row = await insertUnitCalendar(tx, { tenantId: ctx.tenantId, unitId: unit.id, name: unit.nameFa, from: city ?? { mode: "business", week: iranianWeek() } });
      await recordAudit(tx, ctx.tenantId, { action: "config.calendar_added", actorId: ctx.session.user.id, targetType: "sla_calendar", targetId: row.id, detail: { unitId: unit.id }, ip: ctx.ip });
      return row;
    }),
  ),

  /** The unit goes back to the city's calendar. */
  removeUnitCalendar: cityAdminProcedure.input(ZRemoveCalendarInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const row = await deleteUnitCalendar(tx, { tenantId: ctx.tenantId, calendarId: input.calendarId });
      if (!row) throw notFound();
      await recordAudit(tx, ctx.tenantId, { action: "config.calendar_removed", actorId: ctx.session.user.id, targetType: "sla_calendar", targetId: row.id, detail: { unitId: row.unitId, week: row.week, mode: row.mode }, ip: ctx.ip });
      return { id: row.id };
    }),
  ),

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
