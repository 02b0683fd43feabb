import { z } from "zod";
import { CITY_ROLES } from "@city137/core";
import { K, ZCitySlug, zId, zText } from "./common";

export const ZCityRole = z.enum(CITY_ROLES, { error: "validation.invalidRole" });

export const ZUpdateStaffRolesInput = z.object({
  staffId: zId,
  roles: z.array(ZCityRole).min(1, { error: "errors.staff.noRole" }).max(CITY_ROLES.length),
});
export type UpdateStaffRolesInput = z.infer<typeof ZUpdateStaffRolesInput>;

export const ZListAuditInput = z
  .object({ limit: z.number().int().min(1).max(500).default(100) })
  .default({ limit: 100 });

const unitIds = z.array(zId).max(50).default([]);

export const ZCreateStaffInput = z.object({
  username: z
    .string({ error: K.required })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, { error: "validation.username" }),
  email: z.email({ error: K.invalid }).trim().toLowerCase(),
  displayName: zText(80),
  roles: z.array(ZCityRole).min(1, { error: "errors.staff.noRole" }).max(CITY_ROLES.length),
  unitIds,
});
export const ZSetStaffUnitsInput = z.object({ staffId: zId, unitIds });
export const ZSetStaffActiveInput = z.object({ staffId: zId, active: z.boolean() });
export const ZReinviteStaffInput = z.object({ staffId: zId });
export const ZAcceptInvitationInput = z.object({
  city: ZCitySlug,
  token: z.string({ error: K.required }).regex(/^[A-Za-z0-9_-]{43}$/, { error: "errors.invitation.invalid" }),
  password: z.string({ error: K.required }).min(12, { error: "validation.passwordTooShort" }).max(128, { error: K.tooLong }),
});
