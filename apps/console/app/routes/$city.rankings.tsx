import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { formatDigits, formatNumber, resolveFieldErrors, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import styles from "../insight/insight.css?url";
import { keyLabel } from "../insight/labels";
import { cityNames } from "../insight/names.server";
import { currentJalaliMonth, periodDays } from "../insight/params.server";
import { ReportTools } from "../insight/tools";
import { apiFailure, failureResponse } from "../lib/api.server";
import { requireCityUser } from "../lib/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const SUBS = ["compliance", "resolutionTime", "satisfaction", "reopen"] as const;
const DRILL: Record<(typeof SUBS)[number], string> = { compliance: "late", resolutionTime: "resolved", satisfaction: "rated", reopen: "reopened" };
const REPORT_ROLES = ["manager", "supervisor", "city_admin"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, me } = await requireCityUser(request, params.city!);
  if (!me.user.roles.some((r) => REPORT_ROLES.includes(r))) throw Response.json({ code: "FORBIDDEN", messageKey: "errors.forbidden" }, { status: 403 });
  const q = new URL(request.url).searchParams;
  const cur = currentJalaliMonth();
  const jy = Number(q.get("jy")) || cur.jy;
  const jm = q.has("jm") ? Number(q.get("jm")) : cur.jm;
  const level = q.get("level") === "region" ? ("region" as const) : ("unit" as const);
  const version = q.get("version") ? Number(q.get("version")) : undefined;
  try {
    const [ranking, formulas, names] = await Promise.all([
      api.ranking.list.query({ period: jm ? { kind: "month", jy, jm } : { kind: "year", jy }, level, version }),
      api.ranking.formulas.query(),
      cityNames(api),
    ]);
    const { fromIso, toIso } = periodDays(ranking.from, ranking.to);
    return { ranking, formulas, names, jy, jm, level, version: version ?? null, fromIso, toIso, isAdmin: me.user.roles.includes("city_admin") };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const form = await request.formData();
  const num = (k: string) => Number(String(form.get(k) ?? "").replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))));
  try {
    const saved = await api.ranking.saveFormula.mutate({
      weights: { compliance: num("compliance"), resolutionTime: num("resolutionTime"), satisfaction: num("satisfaction"), reopen: num("reopen") },
      minVolume: num("minVolume"),
      targetHours: num("targetHours"),
      note: String(form.get("note") ?? "") || undefined,
    });
    return { saved: saved.version, failure: null };
  } catch (err) {
    const failure = apiFailure(err);
    if (failure.code !== "BAD_REQUEST") throw failureResponse(err);
    return { saved: null, failure };
  }
}

export default function Rankings() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { city } = useParams();
  const n = (x: number | null) => (x === null ? t("insight.none") : formatNumber(x, locale));
  const r = d.ranking;
  const current = d.formulas.current;
  const errors = result?.failure ? resolveFieldErrors(t, result.failure, locale) : {};
  const csv = `/${city}/insight/export?report=ranking&jy=${d.jy}&jm=${d.jm}&level=${d.level}&version=${r.formula.version}`;
  const explain = (key: (typeof SUBS)[number], s: { numerator: number; denominator: number }) =>
    key === "satisfaction"
      ? t("insight.rankings.explain.satisfaction", { den: n(s.denominator), avg: n(s.denominator ? Math.round((s.numerator / s.denominator) * 100) / 100 : null) })
      : t(`insight.rankings.explain.${key}`, { num: n(s.numerator), den: n(s.denominator), hours: n(r.formula.targetHours) });
  return (
    <div>
      <section className="panel">
        <h1>{t("insight.rankings.title")}</h1>
        <p className="muted">{t("insight.rankings.help")}</p>
        <p className="muted">{t("insight.rankings.managersNote")}</p>
        <Form method="get" className="insight-tools" data-testid="ranking-filters">
          <div>
            <label htmlFor="k-jy">{t("insight.rankings.year")}</label>
            <input id="k-jy" name="jy" type="number" defaultValue={d.jy} />
          </div>
          <div>
            <label htmlFor="k-jm">{t("insight.rankings.month")}</label>
            <select id="k-jm" name="jm" defaultValue={String(d.jm)}>
              <option value="0">{t("insight.rankings.year")}</option>
              {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                <option key={m} value={m}>
                  {formatDigits(m, locale)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="k-level">{t("insight.rankings.level")}</label>
            <select id="k-level" name="level" defaultValue={d.level}>
              <option value="unit">{t("insight.rankings.levels.unit")}</option>
              <option value="region">{t("insight.rankings.levels.region")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="k-version">{t("insight.rankings.version")}</label>
            <select id="k-version" name="version" defaultValue={d.version === null ? "" : String(d.version)}>
              <option value="">{t("insight.rankings.versionN", { n: formatDigits(current.version, locale) })}</option>
              {d.formulas.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {t("insight.rankings.versionN", { n: formatDigits(v.version, locale) })}
                </option>
              ))}
              <option value="0">{t("insight.rankings.versionDefault")}</option>
            </select>
          </div>
          <button type="submit">{t("insight.show")}</button>
        </Form>
        <ReportTools csvHref={csv} />
        <p data-testid="ranking-version">
          {t("insight.rankings.version")}: {r.formula.version === 0 ? t("insight.rankings.versionDefault") : t("insight.rankings.versionN", { n: formatDigits(r.formula.version, locale) })} ·{" "}
          {SUBS.map((s) => `${t(`insight.rankings.subScores.${s}`)} ${formatDigits(r.formula.weights[s], locale)}`).join("، ")}
        </p>
        <table className="data-table" data-testid="ranking">
          <thead>
            <tr>
              <th>{t("insight.rankings.rank")}</th>
              <th>{t("insight.rankings.name")}</th>
              <th>{t("insight.rankings.score")}</th>
              <th>{t("insight.rankings.volume")}</th>
              <th>{t("insight.rankings.why")}</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row) => (
              <tr key={row.id} data-testid={`rank-row-${row.id}`}>
                <td>{row.rank === null ? t("insight.rankings.notRanked", { n: n(r.formula.minVolume) }) : n(row.rank)}</td>
                <td>{keyLabel(t, d.level, row.id, d.names, locale)}</td>
                <td>{row.score === null ? t("insight.rankings.noData") : n(row.score)}</td>
                <td>
                  <Link to={`/${city}/insight/messages?from=${d.fromIso}&to=${d.toIso}&dim=${d.level}&key=${row.id}&group=scored`}>{n(row.volume)}</Link>
                </td>
                <td>
                  <details>
                    <summary>{t("insight.rankings.why")}</summary>
                    <ul>
                      {row.subScores.map((s) => (
                        <li key={s.key} data-testid={`sub-${s.key}`}>
                          <strong>{t(`insight.rankings.subScores.${s.key}`)}</strong>: {n(s.value)} ({t("insight.rankings.weight", { w: n(s.weight) })}) — {explain(s.key, s)} ·{" "}
                          <Link to={`/${city}/insight/messages?from=${d.fromIso}&to=${d.toIso}&dim=${d.level}&key=${row.id}&group=${DRILL[s.key]}&target=${r.formula.targetHours}`}>{t("insight.rankings.list")}</Link>
                        </li>
                      ))}
                    </ul>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.rows.length === 0 && <p className="muted">{t("insight.empty")}</p>}
      </section>

      {d.isAdmin && (
        <section className="panel no-print">
          <h2>{t("insight.rankings.formula")}</h2>
          <p className="muted">{t("insight.rankings.formulaHelp")}</p>
          {result?.saved && (
            <p role="status" data-testid="formula-saved">
              {t("insight.rankings.saved", { n: formatDigits(result.saved, locale) })}
            </p>
          )}
          <Form method="post" className="form-grid" data-testid="formula-form" key={current.version}>
            {SUBS.map((s) => (
              <div key={s}>
                <label htmlFor={`w-${s}`}>{t(`insight.rankings.subScores.${s}`)}</label>
                <input id={`w-${s}`} name={s} type="number" min={0} max={100} defaultValue={current.weights[s]} aria-invalid={errors[`weights.${s}`] || errors.weights ? true : undefined} />
                {(errors[`weights.${s}`] ?? null) && <p className="field-error">{errors[`weights.${s}`]}</p>}
              </div>
            ))}
            <div>
              <label htmlFor="w-min">{t("insight.rankings.minVolume")}</label>
              <input id="w-min" name="minVolume" type="number" min={1} defaultValue={current.minVolume} />
              {errors.minVolume && <p className="field-error">{errors.minVolume}</p>}
            </div>
            <div>
              <label htmlFor="w-target">{t("insight.rankings.targetHours")}</label>
              <input id="w-target" name="targetHours" type="number" min={1} defaultValue={current.targetHours} />
              {errors.targetHours && <p className="field-error">{errors.targetHours}</p>}
            </div>
            <div>
              <label htmlFor="w-note">{t("insight.rankings.note")}</label>
              <input id="w-note" name="note" />
            </div>
            {errors.weights && <p className="field-error" data-testid="weights-error">{errors.weights}</p>}
            <button type="submit" disabled={nav.state === "submitting"} data-testid="formula-save">
              {t("insight.rankings.save")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
