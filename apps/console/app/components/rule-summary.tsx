import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";

interface Rule {
  when: Partial<Record<"categoryIds" | "kinds" | "channels" | "shifts" | "regionIds" | "districtIds" | "keywords", string[]>>;
  then: { assign: { type: string; unitId?: string }; raisePriority?: boolean; slaMinutes?: number };
}

/** A rule in words: its conditions and where it sends the message. */
export function RuleSummary({ rule, names }: { rule: Rule; names: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const sep = i18n.language === "fa" ? "، " : ", ";
  const w = rule.when;
  const parts: string[] = [];
  const n = (ids?: string[]) => (ids ?? []).map((id) => names.get(id) ?? "?").join(sep);
  if (w.categoryIds?.length) parts.push(n(w.categoryIds));
  if (w.kinds?.length) parts.push(w.kinds.map((k) => t(`settings.kinds.${k}`)).join(sep));
  if (w.channels?.length) parts.push(w.channels.map((c) => t(`settings.channels.${c}`)).join(sep));
  if (w.shifts?.length) parts.push(w.shifts.map((s) => t(`settings.shifts.${s}`)).join(sep));
  if (w.regionIds?.length) parts.push(n(w.regionIds));
  if (w.keywords?.length) parts.push(w.keywords.map((k) => `«${k}»`).join(" "));
  const a = rule.then.assign;
  const target = a.type === "unit" ? (names.get(a.unitId!) ?? "?") : a.type === "district_office" ? t("settings.routing.districtOffice") : t("settings.routing.regionOffice");
  return (
    <>
      <td>{parts.length ? parts.join(" · ") : t("settings.routing.anything")}</td>
      <td>
        {target}
        {rule.then.raisePriority && <span className="tag warn">{t("settings.routing.raisePriority")}</span>}
        {rule.then.slaMinutes && <span className="tag">{t("settings.routing.slaOverride", { n: formatDigits(rule.then.slaMinutes, i18n.language as Locale) })}</span>}
      </td>
    </>
  );
}
