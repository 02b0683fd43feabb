import { z } from "zod";
import { CITY_ROLES } from "@city137/core";
import { zId } from "./common";

export const ZCityRole = z.enum(CITY_ROLES, { error: "validation.invalidRole" });

export const ZUpdateStaffRolesInput = z.object({
  staffId: zId,
  roles: z.array(ZCityRole).min(1, { error: "errors.staff.noRole" }).max(CITY_ROLES.length),
});
export type UpdateStaffRolesInput = z.infer<typeof ZUpdateStaffRolesInput>;

export const ZListAuditInput = z
  .object({ limit: z.number().int().min(1).max(500).default(100) })
  .default({ limit: 100 });
