import type { MessageKind } from "@city137/core";
import type { schema } from "@city137/db";
import type { Value } from "./format";
import type { Open311Locale } from "./texts";

type Category = typeof schema.categories.$inferSelect;

/**
 * The city's categories as Open311 sees them.
 * - visible: categories whose messages Open311 may show — the category and
 *   every ancestor public (a private branch stays private below).
 * - services: what a client may post to — visible, the whole chain active,
 *   accepting some kind other than a corruption report, and a leaf among
 *   such categories (a parent with offered children is their group).
 */
export interface Catalogue {
  byId: Map<string, Category>;
  byCode: Map<string, Category>;
  visibleIds: string[];
  services: Category[];
  serviceByCode: Map<string, Category>;
}

const citizenKinds = (c: Category) => c.kinds.filter((k) => k !== "corruption_report");

export function catalogue(categories: Category[]): Catalogue {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const chain = (c: Category) => {
    const out: Category[] = [];
    for (let at: Category | undefined = c; at && out.length < 32; at = at.parentId ? byId.get(at.parentId) : undefined) out.push(at);
    return out;
  };
  const visible = categories.filter((c) => chain(c).every((x) => x.public));
  const offered = new Set(visible.filter((c) => chain(c).every((x) => x.active) && citizenKinds(c).length > 0).map((c) => c.id));
  const hasOfferedChild = new Set(categories.filter((c) => offered.has(c.id) && c.parentId).map((c) => c.parentId!));
  const services = categories.filter((c) => offered.has(c.id) && !hasOfferedChild.has(c.id));
  return {
    byId,
    byCode: new Map(categories.map((c) => [c.code, c])),
    visibleIds: visible.map((c) => c.id),
    services,
    serviceByCode: new Map(services.map((c) => [c.code, c])),
  };
}

/** The kind a message posted to this service is registered as: a request where the category takes requests. */
export function kindFor(c: Category): MessageKind {
  const kinds = citizenKinds(c);
  for (const preferred of ["request", "complaint", "inquiry", "suggestion", "criticism", "thanks"] as const) if (kinds.includes(preferred)) return preferred;
  return kinds[0]!;
}

export const nameOf = (x: { nameFa: string; nameEn: string }, locale: Open311Locale) => (locale === "fa" ? x.nameFa : x.nameEn);

export function serviceEntry(c: Category, cat: Catalogue, locale: Open311Locale): { [key: string]: Value } {
  const parent = c.parentId ? cat.byId.get(c.parentId) : undefined;
  const description = (locale === "fa" ? c.descriptionFa : c.descriptionEn) || null;
  return {
    service_code: c.code,
    service_name: nameOf(c, locale),
    description,
    metadata: c.attributes.length > 0,
    type: "realtime",
    // The name in the other language, so a search in either finds it.
    keywords: locale === "fa" ? c.nameEn : c.nameFa,
    group: parent ? nameOf(parent, locale) : null,
  };
}

export function serviceDefinition(c: Category, locale: Open311Locale): { [key: string]: Value } {
  const attributes = [...c.attributes].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code));
  return {
    service_code: c.code,
    attributes: attributes.map((a, i) => ({
      variable: true,
      code: a.code,
      // Our question types are Open311's, one for one.
      datatype: a.datatype,
      required: a.required,
      datatype_description: DATATYPE_HELP[a.datatype][locale],
      order: i + 1,
      description: locale === "fa" ? a.labelFa : a.labelEn,
      values: (a.values ?? []).map((v) => ({ key: v.key, name: locale === "fa" ? v.nameFa : v.nameEn })),
    })),
  };
}

const DATATYPE_HELP: Record<Category["attributes"][number]["datatype"], Record<Open311Locale, string | null>> = {
  string: { fa: null, en: null },
  text: { fa: "متن چندخطی، حداکثر ۴۰۰۰ نویسه", en: "Text, line breaks allowed, up to 4,000 characters" },
  number: { fa: "عدد", en: "A number" },
  datetime: { fa: "تاریخ و زمان ISO 8601، مانند 2026-11-25T08:00:00+03:30", en: "ISO 8601 date-time, e.g. 2026-11-25T08:00:00+03:30" },
  singlevaluelist: { fa: "یکی از کلیدهای values", en: "One of the keys in values" },
  multivaluelist: { fa: "یک یا چند کلید از values با attribute[code][]", en: "One or more keys from values, as attribute[code][]" },
};
