import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams } from "@remix-run/react";
import { formatDigits, formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { dashboardCharts } from "../insight/dashboard.server";
import { keyLabel } from "../insight/labels";
import { cityNames } from "../insight/names.server";
import { dashboardParams, jalaliOf } from "../insight/params.server";
import { ReportTools } from "../insight/tools";
import { failureResponse } from "../lib/api.server";
import { pageLocale } from "../insight/locale.server";
import { requireCityUser } from "../lib/session.server";

const GRANULARITIES = ["day", "week", "month", "year"] as const;
const DIMENSIONS = ["none", "channel", "kind", "category", "region", "unit", "shift"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, me } = await requireCityUser(request, params.city!);
  const p = dashboardParams(new URL(request.url));
  try {
    const [d, names] = await Promise.all([api.insight.dashboard.query(p), cityNames(api)]);
    const { locale, t } = await pageLocale(request, api, params.city!);
    return { d, names, charts: dashboardCharts(d, t, names, locale), fromJalali: jalaliOf(p.from), toJalali: jalaliOf(p.to), cityName: { nameFa: me.city.nameFa, nameEn: me.city.nameEn } };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function InsightDashboard() {
  const { d, names, charts, fromJalali, toJalali, cityName } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { city } = useParams();
  const n = (x: number | null) => (x === null ? t("insight.none") : formatNumber(x, locale));
  const pct = (x: number | null) => (x === null ? t("insight.none") : `${formatNumber(x, locale)}٪`.replace("٪", locale === "fa" ? "٪" : "%"));
  const hrs = (x: number | null) => (x === null ? t("insight.none") : t("insight.hours", { n: formatNumber(x, locale) }));
  const label = (dim: string, key: string) => keyLabel(t, dim, key, names, locale);
  const drill = (q: Record<string, string | undefined>) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries({ from: d.from, to: d.to, ...q })) if (v !== undefined) s.set(k, v);
    return `/${city}/insight/messages?${s}`;
  };
  const query = new URLSearchParams({ from: d.from, to: d.to, g: d.granularity, dim: d.dimension });
  const sv = d.service;
  const figures: Array<{ id: string; label: string; value: string; href?: string; detail?: string }> = [
    { id: "total", label: t("insight.total"), value: n(d.total), href: drill({}) },
    { id: "open", label: t("insight.figures.open"), value: n(sv.counts.open), href: drill({ group: "open" }) },
    { id: "compliance", label: t("insight.figures.compliance"), value: pct(sv.compliance), href: drill({ group: "late" }), detail: t("insight.ofCount", { part: n(sv.counts.onTime), whole: n(sv.counts.due) }) },
    { id: "referralP50", label: t("insight.figures.referralP50"), value: hrs(sv.referralHours.p50) },
    { id: "referralP90", label: t("insight.figures.referralP90"), value: hrs(sv.referralHours.p90) },
    { id: "resolutionP50", label: t("insight.figures.resolutionP50"), value: hrs(sv.resolutionHours.p50), href: drill({ group: "resolved" }) },
    { id: "resolutionP90", label: t("insight.figures.resolutionP90"), value: hrs(sv.resolutionHours.p90), href: drill({ group: "resolved" }) },
    { id: "reopenRate", label: t("insight.figures.reopenRate"), value: pct(sv.reopenRate), href: drill({ group: "reopened" }), detail: t("insight.ofCount", { part: n(sv.counts.reopened), whole: n(sv.counts.resolved) }) },
    { id: "duplicateRate", label: t("insight.figures.duplicateRate"), value: pct(sv.duplicateRate), href: drill({ group: "duplicate" }), detail: t("insight.ofCount", { part: n(sv.counts.duplicate), whole: n(sv.counts.all) }) },
    { id: "forwardedRate", label: t("insight.figures.forwardedRate"), value: pct(sv.forwardedRate), href: drill({ group: "forwarded" }), detail: t("insight.ofCount", { part: n(sv.counts.forwarded), whole: n(sv.counts.all) }) },
    { id: "satisfaction", label: t("insight.figures.satisfaction"), value: n(sv.satisfaction), href: drill({ group: "rated" }), detail: t("insight.ofCount", { part: n(sv.counts.rated), whole: n(sv.counts.resolved) }) },
  ];
  return (
    <div className="insight-dashboard">
      <section className="panel">
        <h1>{t("insight.tabs.dashboard")}</h1>
        <p className="insight-print-title">{t("insight.printedAt", { city: locale === "fa" ? cityName.nameFa : cityName.nameEn, from: formatDigits(fromJalali, locale), to: formatDigits(toJalali, locale) })}</p>
        <Form method="get" className="insight-tools" data-testid="insight-filters">
          <div>
            <label htmlFor="i-from">{t("insight.from")}</label>
            <input id="i-from" name="from" dir="ltr" defaultValue={formatDigits(fromJalali, locale)} title={t("insight.dateHint")} />
          </div>
          <div>
            <label htmlFor="i-to">{t("insight.to")}</label>
            <input id="i-to" name="to" dir="ltr" defaultValue={formatDigits(toJalali, locale)} title={t("insight.dateHint")} />
          </div>
          <div>
            <label htmlFor="i-g">{t("insight.granularity")}</label>
            <select id="i-g" name="g" defaultValue={d.granularity}>
              {GRANULARITIES.map((g) => (
                <option key={g} value={g}>
                  {t(`insight.granularities.${g}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="i-dim">{t("insight.dimension")}</label>
            <select id="i-dim" name="dim" defaultValue={d.dimension}>
              {DIMENSIONS.map((x) => (
                <option key={x} value={x}>
                  {t(`insight.dimensions.${x}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" data-testid="insight-show">
            {t("insight.show")}
          </button>
        </Form>
        <ReportTools csvHref={`/${city}/insight/export?report=dashboard&${query}`} />
        {d.corruptionReports !== null && d.corruptionReports > 0 && <p className="muted" data-testid="corruption-count">{t("insight.corruption", { n: formatNumber(d.corruptionReports, locale) })}</p>}
        <div className="insight-figures" data-testid="figures">
          {figures.map((f) => (
            <div key={f.id} className="insight-figure" data-testid={`figure-${f.id}`}>
              <span className="muted">{f.label}</span>
              {f.href ? (
                <Link className="value" to={f.href}>
                  {f.value}
                </Link>
              ) : (
                <span className="value">{f.value}</span>
              )}
              {f.detail && <span className="muted">{f.detail}</span>}
            </div>
          ))}
        </div>
        <p data-testid="growth">
          {t("insight.lastYear")}: {n(d.lastYear.total)} · {t("insight.growth")}: {d.lastYear.growth === null ? t("insight.noGrowth") : pct(d.lastYear.growth)}
        </p>
      </section>

      <section className="panel">
        <h2>{t("insight.volume")}</h2>
        {d.total === 0 ? <p className="muted">{t("insight.empty")}</p> : <div className="insight-chart" data-testid="volume-chart" dangerouslySetInnerHTML={{ __html: charts.volume }} />}
        <h3>{t("insight.breakdown")}</h3>
        <table className="data-table" data-testid="breakdown">
          <thead>
            <tr>
              <th>{t(`insight.dimensions.${d.dimension}`)}</th>
              <th>{t("insight.count")}</th>
            </tr>
          </thead>
          <tbody>
            {d.totals.map((x) => (
              <tr key={x.key}>
                <td>{label(d.dimension, x.key)}</td>
                <td>
                  <Link to={drill({ dim: d.dimension, key: x.key })}>{n(x.count)}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <details>
          <summary>{t("insight.volume")}</summary>
          <table className="data-table" data-testid="series">
            <tbody>
              {d.series.map((s) => (
                <tr key={`${s.bucket}-${s.key}`}>
                  <td>{formatDigits(s.bucket.replaceAll("-", "/"), locale)}</td>
                  <td>{label(d.dimension, s.key)}</td>
                  <td>
                    <Link to={drill({ from: s.from, to: s.to, dim: d.dimension, key: s.key })}>{n(s.count)}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <section className="panel">
        <h2>{t("insight.shifts")}</h2>
        <div className="insight-chart" dangerouslySetInnerHTML={{ __html: charts.shifts }} />
        <table className="data-table" data-testid="shifts">
          <tbody>
            {d.shifts.map((s) => (
              <tr key={s.key}>
                <td>{t(`insight.shiftHours.${s.key}`)}</td>
                <td>
                  <Link to={drill({ dim: "shift", key: s.key })}>{n(s.count)}</Link>
                </td>
                <td>{pct(s.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t("insight.topCategories")}</h2>
        <table className="data-table" data-testid="top-categories">
          <tbody>
            {d.topCategories.map((c) => (
              <tr key={c.key}>
                <td>{label("category", c.key)}</td>
                <td>
                  <Link to={drill({ dim: "category", key: c.key })}>{n(c.count)}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t("insight.backlog")}</h2>
        <table className="data-table" data-testid="backlog">
          <tbody>
            {d.backlog.map((b) => (
              <tr key={b.key}>
                <td>{t(`insight.ageing.${b.key}`)}</td>
                <td>
                  <Link to={`/${city}/insight/messages?group=open&ageing=${b.key}`}>{n(b.count)}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
