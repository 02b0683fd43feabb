import { z } from "zod";
import { CHANNELS, MESSAGE_KINDS, REQUEST_ACTIONS, REQUEST_STATES, normalizeIranMobile, normalizeNationalId, parseTrackingCode } from "@city137/core";
import { K, zId, zLocale, zText } from "./common";

const mobile = z
  .string()
  .transform((s, ctx) => {
    const m = normalizeIranMobile(s);
    if (!m) ctx.addIssue({ code: "custom", message: "validation.mobile" });
    return m ?? "";
  });

const nationalId = z
  .string()
  .transform((s, ctx) => {
    const n = normalizeNationalId(s);
    if (!n) ctx.addIssue({ code: "custom", message: "validation.nationalId" });
    return n ?? "";
  });

export const ZCreateRequestInput = z.object({
  /** Chosen by the client once per message; a retry with the same key returns the same message. */
  idempotencyKey: z.string({ error: K.required }).regex(/^[A-Za-z0-9_-]{8,100}$/, { error: K.invalid }),
  kind: z.enum(MESSAGE_KINDS, { error: K.invalid }),
  categoryId: zId,
  channel: z.enum(CHANNELS, { error: K.invalid }),
  description: zText(5000),
  attributes: z.record(z.string(), z.unknown()).default({}),
  lat: z.number().min(-90, { error: K.invalid }).max(90, { error: K.invalid }).nullable().default(null),
  lon: z.number().min(-180, { error: K.invalid }).max(180, { error: K.invalid }).nullable().default(null),
  address: z.string().trim().max(500, { error: K.tooLong }).nullable().default(null),
  /** Chosen by hand when there is no point, or the point is outside every boundary. */
  districtId: zId.nullable().default(null),
  citizen: z
    .object({
      name: z.string().trim().max(120, { error: K.tooLong }).nullable().default(null),
      mobile: mobile.nullable().default(null),
      nationalId: nationalId.nullable().default(null),
      /** The language the citizen used (the portal's page language): their SMS are worded in it. */
      locale: zLocale.nullable().default(null),
      /** The citizen agrees to be named in the city's recognition lists (needs a name and a mobile). */
      recognitionConsent: z.boolean({ error: K.invalid }).default(false),
    })
    .default({ name: null, mobile: null, nationalId: null, locale: null, recognitionConsent: false })
    .superRefine((c, ctx) => {
      if (!c.recognitionConsent) return;
      if (!c.name) ctx.addIssue({ code: "custom", path: ["name"], message: "validation.recognitionNeedsName" });
      if (!c.mobile) ctx.addIssue({ code: "custom", path: ["mobile"], message: "validation.recognitionNeedsMobile" });
    }),
  /** A question asked in a live direct session: goes to the session's unit instead of the routing tree. */
  directSessionId: zId.nullable().optional(),
});
export type CreateRequestInput = z.infer<typeof ZCreateRequestInput>;

export const ZTrackingCode = z.string({ error: K.required }).transform((s, ctx) => {
  const code = parseTrackingCode(s);
  if (!code) ctx.addIssue({ code: "custom", message: "validation.trackingCode" });
  return code ?? "";
});

export const ZGetRequestInput = z.union([z.object({ id: zId }), z.object({ trackingCode: ZTrackingCode })]);

/** A calendar day (Gregorian ISO; the console converts from Jalali), read as a Tehran day. */
const isoDay = z.iso
  .date({ error: K.invalid })
  // A year like 1405 is a Jalali date sent by mistake: refuse it rather than search 620 years back.
  .refine((d) => Number(d.slice(0, 4)) >= 2000, { error: K.invalid });

export const ZListRequestsInput = z.object({
  /** "breaches": open and past the deadline; "due_soon": open and due within a working day. */
  queue: z.enum(["mine", "unit", "hq", "all", "breaches", "due_soon"]).default("all"),
  unitId: zId.optional(),
  mobile: mobile.optional(),
  trackingCode: ZTrackingCode.optional(),
  /** Words from the description (Persian-normalised before matching). */
  q: z.string().trim().max(200, { error: K.tooLong }).optional(),
  statuses: z.array(z.enum(REQUEST_STATES, { error: K.invalid })).max(10).optional(),
  categoryId: zId.optional(),
  districtId: zId.optional(),
  kind: z.enum(MESSAGE_KINDS, { error: K.invalid }).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  openOnly: z.boolean().default(true),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(100_000).default(0),
});
export type ListRequestsInput = z.infer<typeof ZListRequestsInput>;

export const ZTransitionRequestInput = z.object({
  id: zId,
  action: z.enum(REQUEST_ACTIONS, { error: K.invalid }),
  note: z.string().trim().max(4000, { error: K.tooLong }).default(""),
  /** For "refer": the receiving unit. */
  unitId: zId.optional(),
  /** For "mark_duplicate": the original message. */
  duplicateOf: zId.optional(),
  /** For "forward": the external agency. */
  externalAgency: z.string().trim().max(120).optional(),
});

export const ZNearbyRequestsInput = z.object({
  categoryId: zId,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  radiusMetres: z.number().int().min(10).max(2000).default(200),
});

/** «من هم»: a caller with the same problem joins an open message instead of registering a new one. */
export const ZSupportRequestInput = z.object({
  /** The intake form's key: a retried attach adds the caller once. */
  idempotencyKey: z.string({ error: K.required }).regex(/^[A-Za-z0-9_-]{8,100}$/, { error: K.invalid }),
  requestId: zId,
  channel: z.enum(CHANNELS, { error: K.invalid }).default("phone"),
  /** What the caller added, kept on the timeline. */
  note: z.string().trim().max(5000, { error: K.tooLong }).nullable().default(null),
  citizen: z
    .object({
      name: z.string().trim().max(120, { error: K.tooLong }).nullable().default(null),
      mobile: mobile.nullable().default(null),
      locale: zLocale.nullable().default(null),
    })
    .default({ name: null, mobile: null, locale: null }),
});
export type SupportRequestInput = z.infer<typeof ZSupportRequestInput>;

/** The supervisor's look back at escalations and re-referrals. */
export const ZRoutingEventsInput = z
  .object({ days: z.number({ error: K.invalid }).int({ error: K.invalid }).min(1, { error: K.invalid }).max(31, { error: K.invalid }).default(7) })
  .default({ days: 7 });
