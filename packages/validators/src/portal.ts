import { z } from "zod";
import { MESSAGE_KINDS, QR_PLACE_KINDS, SMS_EVENTS, normalizeIranMobile, parseTrackingCode, toAsciiDigits } from "@city137/core";
import { K, ZCitySlug, zId, zLocale, zText } from "./common";

/** Kinds a citizen may choose on the portal (corruption reports get their own protected channel). */
export const PORTAL_KINDS = MESSAGE_KINDS.filter((k) => k !== "corruption_report");

const mobile = z.string({ error: K.required }).transform((s, ctx) => {
  if (!s.trim()) {
    ctx.addIssue({ code: "custom", message: K.required });
    return "";
  }
  const m = normalizeIranMobile(s);
  if (!m) ctx.addIssue({ code: "custom", message: "validation.mobile" });
  return m ?? "";
});

const trackingCode = z.string({ error: K.required }).transform((s, ctx) => {
  const code = parseTrackingCode(s);
  if (!code) ctx.addIssue({ code: "custom", message: "validation.trackingCode" });
  return code ?? "";
});

const digits = (n: number) =>
  z
    .string({ error: K.required })
    .transform((s) => toAsciiDigits(s).replace(/\s/g, ""))
    .pipe(z.string().regex(new RegExp(`^\\d{${n}}$`), { error: K.invalid }));

export const ZPortalCityInput = z.object({ city: ZCitySlug });

export const ZPortalSubmitInput = z.object({
  city: ZCitySlug,
  idempotencyKey: z.string({ error: K.required }).regex(/^[A-Za-z0-9_-]{8,100}$/, { error: K.invalid }),
  kind: z.enum(PORTAL_KINDS as [string, ...string[]], { error: K.invalid }),
  categoryId: zId,
  description: zText(5000),
  attributes: z.record(z.string(), z.unknown()).default({}),
  lat: z.number().min(-90, { error: K.invalid }).max(90, { error: K.invalid }).nullable().default(null),
  lon: z.number().min(-180, { error: K.invalid }).max(180, { error: K.invalid }).nullable().default(null),
  address: z.string().trim().max(500, { error: K.tooLong }).nullable().default(null),
  districtId: zId.nullable().default(null),
  name: z.string().trim().max(120, { error: K.tooLong }).nullable().default(null),
  mobile,
  /** The QR code the form was opened from, if any (channel "qr"). */
  qr: z.string().trim().max(40).nullable().default(null),
  /** The page's language: the citizen's SMS are worded in it. */
  locale: zLocale.nullable().default(null),
  /** The citizen agrees to be named in the city's recognition lists (needs a name). */
  recognitionConsent: z.boolean({ error: K.invalid }).default(false),
}).refine((v) => !v.recognitionConsent || v.name, { path: ["name"], message: "validation.recognitionNeedsName" });
export type PortalSubmitInput = z.infer<typeof ZPortalSubmitInput>;

/** Tracking: the code and the last four digits of the mobile, or a signed link's token. */
export const ZPortalTrackInput = z
  .object({
    city: ZCitySlug,
    trackingCode,
    last4: digits(4).optional(),
    token: z.string().max(64).optional(),
  })
  .refine((v) => v.last4 || v.token, { path: ["last4"], error: K.required });

export const ZPortalFeedbackInput = z
  .object({
    city: ZCitySlug,
    trackingCode,
    last4: digits(4).optional(),
    token: z.string().max(64).optional(),
    score: z.number({ error: K.required }).int({ error: K.invalid }).min(1, { error: K.invalid }).max(5, { error: K.invalid }),
    comment: z.string().trim().max(2000, { error: K.tooLong }).nullable().default(null),
  })
  .refine((v) => v.last4 || v.token, { path: ["last4"], error: K.required });

export const ZOtpRequestInput = z.object({ city: ZCitySlug, mobile, locale: zLocale.nullable().default(null) });
export const ZOtpVerifyInput = z.object({ city: ZCitySlug, mobile, code: digits(6) });

/** Calls of a citizen who verified their mobile carry the citizen session token. */
export const ZCitizenInput = z.object({ city: ZCitySlug, session: z.string({ error: K.required }).min(20).max(100) });
export const ZCitizenAddInfoInput = ZCitizenInput.extend({ trackingCode, text: zText(2000) });
export const ZCitizenReopenInput = ZCitizenInput.extend({ trackingCode, reason: zText(2000) });
/** Give (with the name to be shown) or withdraw consent to be named in recognition lists. */
export const ZCitizenRecognitionInput = ZCitizenInput.extend({
  consent: z.boolean({ error: K.invalid }),
  name: z.string().trim().max(120, { error: K.tooLong }).nullable().default(null),
}).refine((v) => !v.consent || v.name, { path: ["name"], message: "validation.recognitionNeedsName" });

export const ZQrCreateInput = z.object({
  label: zText(120),
  placeKind: z.enum(QR_PLACE_KINDS, { error: K.invalid }),
  lat: z.number().min(-90, { error: K.invalid }).max(90, { error: K.invalid }).nullable().default(null),
  lon: z.number().min(-180, { error: K.invalid }).max(180, { error: K.invalid }).nullable().default(null),
  unitId: zId.nullable().default(null),
  categoryIds: z.array(zId).max(10).default([]),
  /** Bulk: this many codes, numbered after the label ("Bus 12", "Bus 13", …). */
  count: z.number().int({ error: K.invalid }).min(1, { error: K.invalid }).max(200, { error: K.invalid }).default(1),
  firstNumber: z.number().int().min(0).max(1_000_000).nullable().default(null),
});
export const ZQrRevokeInput = z.object({ id: zId });
export const ZQrOpenInput = z.object({ city: ZCitySlug, code: z.string().trim().max(40) });

export const ZSmsListInput = z.object({ to: mobile.optional() }).default({});
/** A dead letter staff send again. */
export const ZSmsResendInput = z.object({ id: zId });
export const ZSmsTemplateInput = z.object({
  event: z.enum(SMS_EVENTS, { error: K.invalid }),
  locale: z.enum(["fa", "en"], { error: K.invalid }),
  body: z.string().trim().max(600, { error: K.tooLong }),
});
export const ZPortalSettingsInput = z.object({
  reopenWindowDays: z.number().int({ error: K.invalid }).min(0, { error: K.invalid }).max(365, { error: K.invalid }),
  otpPerMobileDaily: z.number().int().min(1, { error: K.invalid }).max(50, { error: K.invalid }),
  otpPerClientDaily: z.number().int().min(1, { error: K.invalid }).max(500, { error: K.invalid }),
  otpPerCityDaily: z.number().int().min(1, { error: K.invalid }).max(1_000_000, { error: K.invalid }),
  /** Whether the portal shows public messages (map, list, "me too"). */
  publicMessages: z.boolean({ error: K.invalid }).optional(),
});

/** Public messages on the portal: one page, optionally one category and one status group. */
export const PUBLIC_STATUS_GROUPS = ["open", "resolved", "closed"] as const;
export const ZPublicListInput = z.object({
  city: ZCitySlug,
  categoryId: zId.nullable().default(null),
  status: z.enum(PUBLIC_STATUS_GROUPS, { error: K.invalid }).nullable().default(null),
  page: z.number().int({ error: K.invalid }).min(1, { error: K.invalid }).max(500, { error: K.invalid }).default(1),
});
/** A public message is named by its id, never its tracking code (the code and four digits of a mobile prove ownership). */
export const ZPublicMessageInput = z.object({ city: ZCitySlug, id: zId });
/** "Me too" from the portal: a citizen who verified their mobile joins an open public message. */
export const ZPortalSupportInput = ZCitizenInput.extend({ id: zId, locale: zLocale.nullable().default(null) });
