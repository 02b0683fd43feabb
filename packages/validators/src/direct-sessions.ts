import { z } from "zod";
import { DIRECT_SESSION_ACTIONS, MAX_WEEKLY_REPEAT } from "@city137/core";
import { K, ZCitySlug, zId, zText } from "./common";

const clock = z.string({ error: K.required }).trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: K.invalid });

/** A new session, or a weekly series of them (Tehran date and clock times; the console converts from Jalali). */
export const ZCreateDirectSessionInput = z.object({
  /** The manager who answers: a staff member of the city. */
  staffId: zId,
  /** The manager's title as shown on the portal. */
  titleFa: zText(200),
  titleEn: zText(200),
  /** Where the questions go: the manager's unit. */
  unitId: zId,
  date: z.iso.date({ error: K.invalid }).refine((d) => Number(d.slice(0, 4)) >= 2000, { error: K.invalid }),
  start: clock,
  end: clock,
  /** 1: this date only; n: the same weekday and time for n weeks. */
  weeks: z.number({ error: K.invalid }).int({ error: K.invalid }).min(1, { error: K.invalid }).max(MAX_WEEKLY_REPEAT, { error: K.invalid }).default(1),
});
export type CreateDirectSessionInput = z.infer<typeof ZCreateDirectSessionInput>;

export const ZDirectSessionIdInput = z.object({ id: zId });

export const ZDirectSessionStepInput = z.object({ id: zId, action: z.enum(DIRECT_SESSION_ACTIONS, { error: K.invalid }) });

/** The manager's answer to one question of the session. */
export const ZAnswerDirectQuestionInput = z.object({ requestId: zId, note: zText(4000) });

export const ZPortalDirectSessionsInput = z.object({ city: ZCitySlug });
