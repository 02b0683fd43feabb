import { z } from "zod";
import { K, zText } from "./common";
import { ZCreateStaffInput } from "./staff";

const hexColour = z.string({ error: K.required }).regex(/^#[0-9a-fA-F]{6}$/, { error: "validation.colour" });

/** The starting configurations a new city can choose. */
export const TEMPLATE_CODES = ["metropolis"] as const;

export const ZProvisionTenantInput = z.object({
  /** The city's address in the console and portal: /isfahan. */
  slug: z
    .string({ error: K.required })
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, { error: "validation.slug" })
    .refine((s) => !["platform", "language", "sign-out", "api", "open311", "files"].includes(s), { error: "errors.tenant.reservedSlug" }),
  nameFa: zText(80),
  nameEn: zText(80),
  template: z.enum(TEMPLATE_CODES, { error: K.invalid }),
  primaryColor: hexColour.default("#1f4e79"),
  secondaryColor: hexColour.default("#e0a526"),
  shortNumber: z.string().trim().regex(/^[0-9]{3,6}$/, { error: K.invalid }).default("137"),
  /** The city's IT department, for the platform's records. */
  contact: z.object({
    name: zText(120),
    email: z.email({ error: K.invalid }).trim().toLowerCase(),
    phone: z.string().trim().max(40, { error: K.tooLong }).default(""),
  }),
  /** The first city admin, who receives the invitation. */
  admin: ZCreateStaffInput.pick({ username: true, email: true, displayName: true }),
});
export type ProvisionTenantInput = z.infer<typeof ZProvisionTenantInput>;
