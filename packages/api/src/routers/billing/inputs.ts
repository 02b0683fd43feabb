import { z } from "zod";
import { K, zId, zText } from "@city137/validators";

/** A number typed in a form: Persian digits and separators allowed; blank is missing, not zero. */
const typedNumber = (v: unknown) => {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "string") return v;
  const s = v.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))).replace(/[,٬\s]/g, "");
  return s === "" ? undefined : s;
};
/** Whole rial, not negative; up to a thousand billion. */
const zRial = z.preprocess(typedNumber, z.coerce.number({ error: K.invalid }).int({ error: K.invalid }).min(0, { error: K.invalid }).max(1e15, { error: K.invalid }));
const zCount = z.preprocess(typedNumber, z.coerce.number({ error: K.invalid }).int({ error: K.invalid }).min(0, { error: K.invalid }).max(100_000_000, { error: K.invalid }));
const zOptionalText = (max: number) => z.string().trim().max(max, { error: K.tooLong }).default("");
const zStripeId = (prefix: string) =>
  z
    .string()
    .trim()
    .transform((s) => (s === "" ? null : s))
    .pipe(z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]+$`), { error: K.invalid }).nullable())
    .default(null);
const zIsoDate = z.string({ error: K.required }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: K.invalid });

export const ZSavePlanInput = z.object({
  id: zId.optional(),
  code: z.string({ error: K.required }).trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,39}$/, { error: K.invalid }),
  nameFa: zText(80),
  nameEn: zText(80),
  monthlyPriceRial: zRial,
  annualPriceRial: zRial,
  includedSeats: zCount,
  includedMessages: zCount,
  extraSeatRial: zRial,
  extraThousandMessagesRial: zRial,
  stripeSeatPriceId: zStripeId("price"),
  stripeUsagePriceId: zStripeId("price"),
  active: z.boolean().default(true),
});
export type SavePlanInput = z.infer<typeof ZSavePlanInput>;

export const ZTenantRef = z.object({ tenantId: zId });

export const ZUpdateAccountInput = z.object({
  tenantId: zId,
  planId: zId.nullable(),
  cycle: z.enum(["monthly", "annual"], { error: K.invalid }),
  provider: z.enum(["offline", "stripe"], { error: K.invalid }),
  showToman: z.boolean().default(true),
  itContactName: zOptionalText(120),
  itContactEmail: z.union([z.literal(""), z.email({ error: K.invalid }).trim().toLowerCase()], { error: K.invalid }).default(""),
  itContactPhone: zOptionalText(40),
  legalName: zOptionalText(200),
  address: zOptionalText(400),
  economicCode: zOptionalText(40),
});
export type UpdateAccountInput = z.infer<typeof ZUpdateAccountInput>;

export const ZIssueInvoiceInput = z.object({
  tenantId: zId,
  /** The Jalali month billed. */
  jy: z.coerce.number({ error: K.invalid }).int({ error: K.invalid }).min(1400, { error: K.invalid }).max(1500, { error: K.invalid }),
  jm: z.coerce.number({ error: K.invalid }).int({ error: K.invalid }).min(1, { error: K.invalid }).max(12, { error: K.invalid }),
  /** Days from issue to due date. */
  dueDays: z.coerce.number({ error: K.invalid }).int({ error: K.invalid }).min(0, { error: K.invalid }).max(120, { error: K.invalid }).default(15),
  idempotencyKey: z.string({ error: K.required }).min(8, { error: K.invalid }).max(100, { error: K.invalid }),
});
export type IssueInvoiceInput = z.infer<typeof ZIssueInvoiceInput>;

export const ZInvoiceRef = z.object({ tenantId: zId, id: zId });

export const ZRecordPaymentInput = z.object({
  tenantId: zId,
  invoiceId: zId,
  amountRial: zRial.refine((n) => (n as number) > 0, { error: K.invalid }),
  paidOn: zIsoDate,
  reference: zText(80),
});
export type RecordPaymentInput = z.infer<typeof ZRecordPaymentInput>;

export const ZTenantStatusInput = z.object({ tenantId: zId, action: z.enum(["suspend", "resume", "archive"], { error: K.invalid }) });
export type TenantStatusInput = z.infer<typeof ZTenantStatusInput>;

export const ZMyInvoiceInput = z.object({ id: zId });

export const ZPortalLinkInput = z.object({ returnUrl: z.url({ protocol: /^https?$/, error: K.invalid }) });
