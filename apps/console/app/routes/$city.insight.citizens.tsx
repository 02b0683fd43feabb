import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { formatDigits, formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { dashboardParams, jalaliOf } from "../insight/params.server";
import { RangeForm } from "../insight/range-form";
import { ReportTools } from "../insight/tools";
import { failureResponse } from "../lib/api.server";
import { requireCityUser } from "../lib/session.server";

/** The most engaged citizens of a period (festivals such as Yaran-e Shahr): named with their consent, otherwise by masked mobile. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const p = dashboardParams(new URL(request.url));
  try {
    const rows = await api.insight.citizens.query({ from: p.from, to: p.to, limit: 100 });
    return { rows, from: p.from, to: p.to, fromJalali: jalaliOf(p.from), toJalali: jalaliOf(p.to) };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function EngagedCitizens() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { city } = useParams();
  const n = (x: number) => formatNumber(x, locale);
  return (
    <section className="panel">
      <h1>{t("insight.citizens.title")}</h1>
      <p className="muted">{t("insight.citizens.help")}</p>
      <RangeForm fromJalali={d.fromJalali} toJalali={d.toJalali} />
      <ReportTools csvHref={`/${city}/insight/export?report=citizens&from=${d.from}&to=${d.to}`} />
      <table className="data-table" data-testid="citizens">
        <thead>
          <tr>
            <th>{t("insight.rankings.rank")}</th>
            <th>{t("insight.citizens.citizen")}</th>
            <th>{t("insight.citizens.name")}</th>
            <th>{t("insight.citizens.confirmed")}</th>
            <th>{t("insight.citizens.accepted")}</th>
            <th>{t("insight.citizens.feedback")}</th>
            <th>{t("insight.citizens.supports")}</th>
            <th>{t("insight.citizens.points")}</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.map((r) => (
            <tr key={r.citizen + r.rank}>
              <td>{n(r.rank)}</td>
              <td dir="ltr">{formatDigits(r.citizen, locale)}</td>
              <td data-testid="citizen-name">{r.name ?? <span className="muted">{t("insight.citizens.noConsent")}</span>}</td>
              <td>{n(r.confirmed)}</td>
              <td>{n(r.accepted)}</td>
              <td>{n(r.feedback)}</td>
              <td>{n(r.supports)}</td>
              <td>{n(r.points)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.rows.length === 0 && <p className="muted">{t("insight.empty")}</p>}
    </section>
  );
}
