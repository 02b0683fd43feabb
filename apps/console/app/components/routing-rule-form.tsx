import { Form } from "@remix-run/react";
import { CHANNELS, MESSAGE_KINDS as KINDS, SHIFTS } from "@city137/core/vocabulary";
import { useTranslation } from "react-i18next";

type Option = { id: string; label: string };

/** Adds a rule to the draft at a chosen position. Empty conditions match every message. */
export function RoutingRuleForm({ categories, units, regions, count }: { categories: Option[]; units: Option[]; regions: Option[]; count: number }) {
  const { t } = useTranslation();
  const checks = (name: string, values: readonly string[], label: (v: string) => string) =>
    values.map((v) => (
      <label key={v} className="check">
        <input type="checkbox" name={name} value={v} />
        {label(v)}
      </label>
    ));
  return (
    <section className="panel">
      <h2>{t("settings.routing.addRule")}</h2>
      <Form method="post" className="form-grid" data-testid="rule-form">
        <input type="hidden" name="intent" value="add" />
        <div>
          <label htmlFor="rule-name">{t("settings.routing.name")}</label>
          <input id="rule-name" name="name" required />
        </div>
        <div>
          <label htmlFor="rule-position">{t("settings.routing.order")}</label>
          <input id="rule-position" name="position" dir="ltr" inputMode="numeric" defaultValue={1} min={1} max={count + 1} type="number" />
        </div>
        <div>
          <label htmlFor="rule-category">{t("settings.routing.category")}</label>
          <select id="rule-category" name="categoryIds" multiple size={6}>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="rule-region">{t("settings.routing.region")}</label>
          <select id="rule-region" name="regionIds" multiple size={6}>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="wide">
          <legend>{t("settings.routing.kind")}</legend>
          {checks("kinds", KINDS, (k) => t(`settings.kinds.${k}`))}
        </fieldset>
        <fieldset className="wide">
          <legend>{t("settings.routing.channel")}</legend>
          {checks("channels", CHANNELS, (c) => t(`settings.channels.${c}`))}
        </fieldset>
        <fieldset className="wide">
          <legend>{t("settings.routing.shift")}</legend>
          {checks("shifts", SHIFTS, (s) => t(`settings.shifts.${s}`))}
        </fieldset>
        <div className="wide">
          <label htmlFor="rule-keywords">{t("settings.routing.keywords")}</label>
          <input id="rule-keywords" name="keywords" />
        </div>
        <div>
          <label htmlFor="rule-assign">{t("settings.routing.assign")}</label>
          <select id="rule-assign" name="assign" defaultValue="district_office">
            <option value="district_office">{t("settings.routing.districtOffice")}</option>
            <option value="region_office">{t("settings.routing.regionOffice")}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="rule-sla">{t("settings.categories.slaMinutes")}</label>
          <input id="rule-sla" name="slaMinutes" dir="ltr" inputMode="numeric" />
        </div>
        <div>
          <label className="check">
            <input type="checkbox" name="raisePriority" value="true" /> {t("settings.routing.raisePriority")}
          </label>
        </div>
        <div className="wide">
          <button type="submit" data-testid="rule-add">
            {t("settings.routing.addRule")}
          </button>
        </div>
      </Form>
    </section>
  );
}
