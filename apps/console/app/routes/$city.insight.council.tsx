import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { keyLabel } from "../insight/labels";
import { cityNames } from "../insight/names.server";
import { dashboardParams, jalaliOf } from "../insight/params.server";
import { RangeForm } from "../insight/range-form";
import { ReportTools } from "../insight/tools";
import { failureResponse } from "../lib/api.server";
import { readableCode } from "../lib/format";
import { requireCityUser } from "../lib/session.server";

/** Recurring problems by category and region, for a council committee (printable, exportable). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const url = new URL(request.url);
  const p = dashboardParams(url);
  const minCount = Math.max(1, Number(url.searchParams.get("min")) || 3);
  try {
    const [rows, names] = await Promise.all([api.insight.council.query({ from: p.from, to: p.to, minCount }), cityNames(api)]);
    return { rows, names, minCount, from: p.from, to: p.to, fromJalali: jalaliOf(p.from), toJalali: jalaliOf(p.to) };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function CouncilReport() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { city } = useParams();
  const n = (x: number) => formatNumber(x, locale);
  const trend = (now: number, before: number) => (before === 0 ? "↑" : now > before ? `↑ ${n(Math.round(((now - before) / before) * 100))}٪` : now < before ? `↓ ${n(Math.round(((before - now) / before) * 100))}٪` : "=");
  return (
    <section className="panel">
      <h1>{t("insight.council.title")}</h1>
      <p className="muted">{t("insight.council.help")}</p>
      <RangeForm fromJalali={d.fromJalali} toJalali={d.toJalali}>
        <div>
          <label htmlFor="c-min">{t("insight.council.minCount")}</label>
          <input id="c-min" name="min" type="number" min={1} defaultValue={d.minCount} />
        </div>
      </RangeForm>
      <ReportTools csvHref={`/${city}/insight/export?report=council&from=${d.from}&to=${d.to}&min=${d.minCount}`} />
      <table className="data-table" data-testid="council">
        <thead>
          <tr>
            <th>{t("insight.council.category")}</th>
            <th>{t("insight.council.region")}</th>
            <th>{t("insight.count")}</th>
            <th>{t("insight.council.previous")}</th>
            <th>{t("insight.council.trend")}</th>
            <th>{t("insight.council.examples")}</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.map((r) => (
            <tr key={`${r.categoryId}-${r.regionId}`}>
              <td>{keyLabel(t, "category", r.categoryId, d.names, locale)}</td>
              <td>{keyLabel(t, "region", r.regionId ?? "", d.names, locale)}</td>
              <td>
                <Link to={`/${city}/insight/messages?from=${d.from}&to=${d.to}&dim=category&key=${r.categoryId}`}>{n(r.count)}</Link>
              </td>
              <td>{n(r.previous)}</td>
              <td>{trend(r.count, r.previous)}</td>
              <td>
                <ul>
                  {r.examples.map((e) => (
                    <li key={e.trackingCode}>
                      <Link to={`/${city}/messages/${e.trackingCode}`}>{readableCode(e.trackingCode, locale)}</Link>: {e.description.slice(0, 140)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.rows.length === 0 && <p className="muted">{t("insight.empty")}</p>}
    </section>
  );
}
