import {
  iranianWeek,
  jalaliToIsoDate,
  type CityTemplate,
  type RoutingRule,
  type RoutingTree,
  type RuleActions,
  type TemplateCategory,
  type TemplateRule,
} from "@city137/core";
import type { MultiPolygon, Polygon } from "geojson";
import type { Tx } from "../client";
import { areas, categories, holidays, routingVersions, slaCalendars, units } from "../schema";
import { boundsOf } from "./bounds";

export interface GeographyInput {
  regions: Array<{
    code: string;
    number: number;
    nameFa: string;
    nameEn: string;
    boundary: Polygon | MultiPolygon | null;
    districts: Array<{ code: string; number: number; nameFa: string; nameEn: string; boundary: Polygon | MultiPolygon | null }>;
  }>;
}

/**
 * Gives a new city a working configuration from a template: its units,
 * category tree, divisions with their offices, calendars, holidays and a
 * published routing tree (version 1). Runs inside the city's transaction,
 * so it applies completely or not at all.
 */
export async function applyTemplate(
  tx: Tx,
  p: { tenantId: string; template: CityTemplate; geography: GeographyInput; jalaliYear: number; actorId?: string },
) {
  const { tenantId, template } = p;
  const unitRows = await tx
    .insert(units)
    .values(template.units.map((u) => ({ tenantId, code: u.code, kind: u.kind, nameFa: u.nameFa, nameEn: u.nameEn })))
    .returning({ id: units.id, code: units.code });
  const unitId = new Map(unitRows.map((u) => [u.code, u.id]));

  const categoryId = new Map<string, string>();
  await insertCategories(tx, tenantId, template.categories, null, categoryId, {});
  await insertGeography(tx, tenantId, p.geography);

  await tx.insert(slaCalendars).values([
    { tenantId, name: "تقویم کاری شهر", mode: "business", week: iranianWeek({ thursday: template.thursday }) },
    { tenantId, name: "شبانه‌روزی ستاد", mode: "24x7", week: iranianWeek({ thursday: "full" }), unitId: unitId.get("HQ") },
  ]);
  const yearHolidays = template.holidays[p.jalaliYear] ?? [];
  if (yearHolidays.length > 0) {
    await tx.insert(holidays).values(
      yearHolidays.map((h) => ({
        tenantId,
        date: jalaliToIsoDate({ jy: p.jalaliYear, jm: h.jm, jd: h.jd })!,
        jalaliYear: p.jalaliYear,
        nameFa: h.nameFa,
        nameEn: h.nameEn,
      })),
    );
  }

  const tree = templateTree(template, (code) => categoryId.get(code), (code) => unitId.get(code));
  await tx.insert(routingVersions).values({
    tenantId,
    number: 1,
    status: "published",
    tree,
    note: `${template.nameFa} — نسخهٔ آغازین`,
    createdBy: p.actorId ?? null,
    publishedBy: p.actorId ?? null,
    publishedAt: new Date(),
  });
  return { unitId, categoryId };
}

async function insertCategories(
  tx: Tx,
  tenantId: string,
  list: TemplateCategory[],
  parentId: string | null,
  ids: Map<string, string>,
  inherited: Pick<TemplateCategory, "kinds" | "priority" | "public">,
) {
  for (const [position, c] of list.entries()) {
    const kinds = c.kinds ?? inherited.kinds ?? ["request", "complaint"];
    const priority = c.priority ?? inherited.priority ?? "normal";
    const isPublic = c.public ?? inherited.public ?? true;
    const [row] = await tx
      .insert(categories)
      .values({
        tenantId,
        code: c.code,
        parentId,
        nameFa: c.nameFa,
        nameEn: c.nameEn,
        icon: c.icon ?? null,
        kinds,
        priority,
        slaMinutes: c.slaMinutes ?? null,
        public: isPublic,
        externalAgency: c.externalAgency ?? null,
        attributes: (c.attributes ?? []).map((a, order) => ({ ...a, order })),
        position,
      })
      .returning({ id: categories.id });
    ids.set(c.code, row!.id);
    if (c.children) await insertCategories(tx, tenantId, c.children, row!.id, ids, { kinds, priority, public: isPublic });
  }
}

/** Regions and districts, each with its own office unit. */
export async function insertGeography(tx: Tx, tenantId: string, geography: GeographyInput) {
  for (const r of geography.regions) {
    const [region] = await tx
      .insert(areas)
      .values({ tenantId, level: "region", code: r.code, number: r.number, nameFa: r.nameFa, nameEn: r.nameEn, boundary: r.boundary, ...boundsOf(r.boundary) })
      .returning({ id: areas.id });
    const [office] = await tx
      .insert(units)
      .values({ tenantId, code: `${r.code}-OFFICE`, kind: "region_office", nameFa: `شهرداری ${r.nameFa}`, nameEn: `${r.nameEn} Municipality`, areaId: region!.id })
      .returning({ id: units.id });
    if (r.districts.length === 0) continue;
    const districtRows = await tx
      .insert(areas)
      .values(
        r.districts.map((d) => ({
          tenantId,
          level: "district" as const,
          code: d.code,
          parentId: region!.id,
          number: d.number,
          nameFa: d.nameFa,
          nameEn: d.nameEn,
          boundary: d.boundary,
          ...boundsOf(d.boundary),
        })),
      )
      .returning({ id: areas.id, code: areas.code, nameFa: areas.nameFa, nameEn: areas.nameEn });
    await tx.insert(units).values(
      districtRows.map((d) => ({
        tenantId,
        code: `${d.code}-OFFICE`,
        kind: "district_office" as const,
        nameFa: `${d.nameFa} ${r.nameFa}`,
        nameEn: `${d.nameEn}, ${r.nameEn}`,
        areaId: d.id,
        parentUnitId: office!.id,
      })),
    );
  }
}

/** Template rules, addressed by codes, as a routing tree addressed by ids. */
export function templateTree(
  template: CityTemplate,
  category: (code: string) => string | undefined,
  unit: (code: string) => string | undefined,
): RoutingTree {
  const actions = (then: TemplateRule["then"]): RuleActions => ({
    assign: "unitCode" in then ? { type: "unit", unitId: unit(then.unitCode)! } : { type: then.office === "district" ? "district_office" : "region_office" },
    ...(then.raisePriority ? { raisePriority: true } : {}),
    ...(then.slaMinutes ? { slaMinutes: then.slaMinutes } : {}),
  });
  const rules: RoutingRule[] = template.rules.map((r) => ({
    id: r.code,
    name: r.nameFa,
    when: {
      ...(r.when.categoryCodes ? { categoryIds: r.when.categoryCodes.map((c) => category(c)!) } : {}),
      ...(r.when.kinds ? { kinds: r.when.kinds } : {}),
      ...(r.when.channels ? { channels: r.when.channels } : {}),
      ...(r.when.shifts ? { shifts: r.when.shifts } : {}),
      ...(r.when.keywords ? { keywords: r.when.keywords } : {}),
    },
    then: actions(r.then),
  }));
  return { rules, fallback: actions(template.fallback) };
}
