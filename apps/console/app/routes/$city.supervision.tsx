import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { formatDateTime, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { failureResponse } from "../lib/api.server";
import { readableCode } from "../lib/format";
import { requireCityUser } from "../lib/session.server";

const OVERSIGHT = ["supervisor", "city_admin", "manager"];

/** Supervisor view: open load per unit, and the messages past their deadline, most late first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, me } = await requireCityUser(request, params.city!);
  if (!me.user.roles.some((r) => OVERSIGHT.includes(r))) throw Response.json({ code: "FORBIDDEN", messageKey: "errors.forbidden" }, { status: 403 });
  try {
    const [load, breaches, units] = await Promise.all([api.request.load.query(), api.request.list.query({ queue: "breaches", limit: 100 }), api.unit.list.query()]);
    return {
      load: [...load.units].sort((a, b) => b.overdue - a.overdue || b.open - a.open),
      breaches,
      units: Object.fromEntries(units.map((u) => [u.id, { nameFa: u.nameFa, nameEn: u.nameEn }])),
      now: load.now,
    };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function SupervisionPage() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { city } = useParams();
  const unitName = (id: string | null) => {
    const u = id ? d.units[id] : undefined;
    return u ? (locale === "fa" ? u.nameFa : u.nameEn) : t("work.supervision.unassigned");
  };
  const n = (x: number) => formatDigits(x, locale);
  const now = new Date(d.now).getTime();
  return (
    <div>
      <section className="panel">
        <h1>{t("work.supervision.title")}</h1>
        <h2>{t("work.supervision.load")}</h2>
        <table className="data-table" data-testid="unit-load">
          <thead>
            <tr>
              <th>{t("work.supervision.unit")}</th>
              <th>{t("work.supervision.open")}</th>
              <th>{t("work.supervision.overdue")}</th>
              <th>{t("work.supervision.dueSoon")}</th>
            </tr>
          </thead>
          <tbody>
            {d.load.map((l) => (
              <tr key={l.unitId ?? "none"} className={l.overdue > 0 ? "overdue" : undefined}>
                <td>{l.unitId ? <Link to={`/${city}/queue?queue=breaches&unit=${l.unitId}`}>{unitName(l.unitId)}</Link> : unitName(null)}</td>
                <td>{n(l.open)}</td>
                <td>{n(l.overdue)}</td>
                <td>{n(l.dueSoon)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>{t("work.supervision.breaches")}</h2>
        {d.breaches.length === 0 ? (
          <p className="muted">{t("work.supervision.noBreaches")}</p>
        ) : (
          <table className="data-table" data-testid="breach-list">
            <thead>
              <tr>
                <th>{t("work.queue.code")}</th>
                <th>{t("work.queue.unit")}</th>
                <th>{t("work.queue.deadline")}</th>
                <th>{t("work.queue.summary")}</th>
              </tr>
            </thead>
            <tbody>
              {d.breaches.map((r) => (
                <tr key={r.id} data-testid="breach-row">
                  <td dir="ltr">
                    <Link to={`/${city}/messages/${r.trackingCode}`}>{readableCode(r.trackingCode, locale)}</Link>
                  </td>
                  <td data-testid="breach-unit">{unitName(r.unitId)}</td>
                  <td>
                    {r.deadline ? formatDateTime(r.deadline, locale) : "—"}{" "}
                    {r.deadline && <span className="tag warn">{t("work.supervision.late", { hours: n(Math.floor((now - new Date(r.deadline).getTime()) / 3_600_000)) })}</span>}
                  </td>
                  <td className="summary">{r.description.slice(0, 90)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
