import { AppError, METROPOLIS, isoDateToJalali, starterLogoSvg, type CityTemplate } from "@city137/core";
import { applyTemplate, ensureBillingAccount, insertTenant, isUniqueViolation, recordPlatformAudit, withNewTenant, type Database } from "@city137/db";
import type { ProvisionTenantInput } from "@city137/validators";
import { createStaff } from "../routers/staff/admin";

const TEMPLATES: Record<ProvisionTenantInput["template"], CityTemplate> = { metropolis: METROPOLIS };

/**
 * A new city from a template, with its first city admin invited — one
 * transaction: it produces a working city or nothing. Its geography comes
 * later, from the city's own GeoJSON.
 */
export async function provisionTenant(db: Database, actor: { platformUserId: string; ip: string | null; now: Date }, input: ProvisionTenantInput) {
  try {
    const { tenantId, result } = await withNewTenant(
      db,
      async (tx) => {
        const tenant = await insertTenant(tx, {
          slug: input.slug,
          nameFa: input.nameFa,
          nameEn: input.nameEn,
          primaryColor: input.primaryColor,
          secondaryColor: input.secondaryColor,
          shortNumber: input.shortNumber,
          logoSvg: starterLogoSvg(input),
        });
        await recordPlatformAudit(tx, {
          action: "tenant.provisioned",
          actorId: actor.platformUserId,
          targetType: "tenant",
          targetId: tenant.id,
          detail: { slug: input.slug, template: input.template, contact: input.contact, admin: input.admin.username },
          ip: actor.ip,
        });
        return tenant.id;
      },
      async (tx, tenantId) => {
        await applyTemplate(tx, {
          tenantId,
          template: TEMPLATES[input.template],
          geography: { regions: [] },
          jalaliYear: isoDateToJalali(actor.now.toISOString().slice(0, 10)).jy,
        });
        // its account with the platform: the IT contact, offline billing, no plan yet
        await ensureBillingAccount(tx, { tenantId, contact: input.contact });
        return createStaff(tx, { tenantId, actorId: null, ip: actor.ip, now: actor.now }, { ...input.admin, roles: ["city_admin"], unitIds: [] });
      },
    );
    return { tenantId, slug: input.slug, admin: result.staff, invitation: result.invitation };
  } catch (err) {
    if (isUniqueViolation(err) && /slug/.test(String((err as { cause?: unknown }).cause ?? err))) {
      throw new AppError("CONFLICT", "errors.tenant.slugTaken", { field: "slug" });
    }
    throw err;
  }
}
