import { Form } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { CHANNELS, MESSAGE_KINDS as KINDS } from "@city137/core/vocabulary";
import { useTranslation } from "react-i18next";


export interface Simulation {
  decision: { ruleId: string | null; unitId: string | null; priority: string; slaMinutes: number | null };
  trace: Array<{ ruleId: string; name: string; matched: boolean; failed: string[] }>;
  located: { districtId: string } | null;
}

/** Try a sample message against the live tree or the draft, and see why each rule did or did not apply. */
export function RoutingSimulator({ categories, result, names, hasDraft }: { categories: Array<{ id: string; label: string }>; result?: Simulation; names: Map<string, string>; hasDraft: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const matched = result?.trace.find((r) => r.matched);
  return (
    <section className="panel" data-testid="simulator">
      <h2>{t("settings.routing.simulator")}</h2>
      <Form method="post" className="form-grid">
        <input type="hidden" name="intent" value="simulate" />
        <div>
          <label htmlFor="sim-category">{t("settings.routing.category")}</label>
          <select id="sim-category" name="categoryId">
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sim-kind">{t("settings.routing.kind")}</label>
          <select id="sim-kind" name="kind" defaultValue="complaint">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`settings.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sim-channel">{t("settings.routing.channel")}</label>
          <select id="sim-channel" name="channel" defaultValue="phone">
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`settings.channels.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sim-at">{t("settings.routing.at")}</label>
          <input id="sim-at" name="at" type="datetime-local" dir="ltr" />
        </div>
        <div>
          <label htmlFor="sim-lat">{t("settings.areas.lat")}</label>
          <input id="sim-lat" name="lat" dir="ltr" />
        </div>
        <div>
          <label htmlFor="sim-lon">{t("settings.areas.lon")}</label>
          <input id="sim-lon" name="lon" dir="ltr" />
        </div>
        <div className="wide">
          <label htmlFor="sim-text">{t("settings.routing.text")}</label>
          <input id="sim-text" name="text" />
        </div>
        <div className="wide inline-form">
          {hasDraft && (
            <label className="check">
              <input type="checkbox" name="useDraft" value="true" /> {t("settings.routing.useDraft")}
            </label>
          )}
          <button type="submit" data-testid="simulate">
            {t("settings.routing.simulate")}
          </button>
        </div>
      </Form>
      {result && (
        <div className="notice" data-testid="simulation-result">
          <p>
            <strong>{matched ? t("settings.routing.matched", { rule: matched.name }) : t("settings.routing.matchedFallback")}</strong>
          </p>
          <p>{result.decision.unitId ? t("settings.routing.goesTo", { unit: names.get(result.decision.unitId) ?? "?" }) : t("settings.routing.unresolved")}</p>
          <p>
            {t("settings.routing.priorityIs", { p: t(`settings.categories.priorities.${result.decision.priority}`) })}
            {result.decision.slaMinutes != null && <> · {t("settings.routing.deadline", { n: formatDigits(result.decision.slaMinutes, locale) })}</>}
          </p>
          {result.trace.some((r) => !r.matched) && (
            <details>
              <summary>{t("settings.routing.whyNot")}</summary>
              <ol className="trace">
                {result.trace.map((r) => (
                  <li key={r.ruleId} className={r.matched ? "matched" : undefined}>
                    {r.name}
                    {!r.matched && <> — {t("settings.routing.failed", { list: r.failed.map((c) => t(`settings.routing.conditions.${c}`)).join("، ") })}</>}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
