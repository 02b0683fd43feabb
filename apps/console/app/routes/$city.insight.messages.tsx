import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { formatDateTime, formatDigits, formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { keyLabel } from "../insight/labels";
import { cityNames } from "../insight/names.server";
import { drillParams, jalaliOf } from "../insight/params.server";
import { failureResponse } from "../lib/api.server";
import { readableCode } from "../lib/format";
import { requireCityUser } from "../lib/session.server";

const PAGE = 50;

/** The messages behind one figure of a dashboard or a score. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const url = new URL(request.url);
  const p = drillParams(url);
  const page = Math.max(0, Number(url.searchParams.get("page") ?? 0) || 0);
  try {
    const [list, names] = await Promise.all([api.insight.messages.query({ ...p, limit: PAGE, offset: page * PAGE }), cityNames(api)]);
    return { list, names, page, group: p.group, slice: p.slice ?? null, ageing: p.ageing ?? null, fromJalali: p.from ? jalaliOf(p.from) : null, toJalali: p.to ? jalaliOf(p.to) : null };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function FigureMessages() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { city } = useParams();
  const [search] = useSearchParams();
  const next = new URLSearchParams(search);
  next.set("page", String(d.page + 1));
  const unit = (id: string | null) => keyLabel(t, "unit", id ?? "", d.names, locale);
  return (
    <section className="panel">
      <h1>{t("insight.drill.title")}</h1>
      <p data-testid="drill-what">
        {t(`insight.drill.groups.${d.group}`)}
        {d.slice && ` · ${t(`insight.dimensions.${d.slice.dimension}`)}: ${keyLabel(t, d.slice.dimension, d.slice.key, d.names, locale)}`}
        {d.ageing && ` · ${t(`insight.ageing.${d.ageing}`)}`}
        {d.fromJalali && d.toJalali && ` · ${formatDigits(d.fromJalali, locale)} – ${formatDigits(d.toJalali, locale)}`}
      </p>
      <p data-testid="drill-total">{t("insight.drill.total", { n: formatNumber(d.list.total, locale) })}</p>
      <table className="data-table" data-testid="drill-list">
        <thead>
          <tr>
            <th>{t("insight.drill.code")}</th>
            <th>{t("insight.drill.registered")}</th>
            <th>{t("insight.drill.status")}</th>
            <th>{t("insight.drill.unit")}</th>
            <th>{t("insight.drill.description")}</th>
          </tr>
        </thead>
        <tbody>
          {d.list.rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/${city}/messages/${r.trackingCode}`}>{readableCode(r.trackingCode, locale)}</Link>
              </td>
              <td>{formatDateTime(r.createdAt, locale)}</td>
              <td>{t(`work.states.${r.status}`)}</td>
              <td>{unit(r.unitId)}</td>
              <td>{r.description.length > 120 ? `${r.description.slice(0, 120)}…` : r.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="no-print">
        {(d.page + 1) * PAGE < d.list.total && <Link to={`?${next}`}>{t("insight.drill.more")}</Link>}{" "}
        <Link to={`/${city}/insight`}>{t("insight.drill.back")}</Link>
      </p>
    </section>
  );
}
