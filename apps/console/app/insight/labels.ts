import type { TFunction } from "i18next";
import type { Named } from "./names.server";

/** How a breakdown key reads: a translated vocabulary word, or the name of a category, unit or region. */
export function keyLabel(t: TFunction, dimension: string, key: string, names: Record<string, Named>, locale: string): string {
  if (dimension === "none") return t("insight.total");
  if (dimension === "channel") return t(`settings.channels.${key}`, { defaultValue: key });
  if (dimension === "kind") return t(`settings.kinds.${key}`, { defaultValue: key });
  if (dimension === "shift") return t(`insight.shiftHours.${key}`);
  if (!key) return dimension === "region" ? t("insight.noRegion") : t("insight.unassigned");
  const n = names[key];
  return n ? (locale === "fa" ? n.nameFa : n.nameEn) : key;
}
