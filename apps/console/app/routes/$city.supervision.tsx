import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { formatDateTime, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { failureResponse } from "../lib/api.server";
import { readableCode } from "../lib/format";
import { requireCityUser } from "../lib/session.server";

const OVERSIGHT = ["supervisor", "city_admin", "manager"];

/** Supervisor view: open load per unit, the messages past their deadline (most late first), and the week's escalations and re-referrals. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, me } = await requireCityUser(request, params.city!);
  if (!me.user.roles.some((r) => OVERSIGHT.includes(r))) throw Response.json({ code: "FORBIDDEN", messageKey: "errors.forbidden" }, { status: 403 });
  try {
    const [load, breaches, units, events] = await Promise.all([
      api.request.load.query(),
      api.request.list.query({ queue: "breaches", limit: 100 }),
      api.unit.list.query(),
      api.request.routingEvents.query({ days: 7 }),
    ]);
    return {
      escalations: events.filter((e) => e.type === "escalated"),
      rereferrals: events.filter((e) => e.type !== "escalated"),
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
      <section className="panel">
        <h2>{t("work.supervision.escalations")}</h2>
        <EventTable rows={d.escalations} testId="escalations" empty={t("work.supervision.noEscalations")} unitName={unitName} />
      </section>
      <section className="panel">
        <h2>{t("work.supervision.rereferrals")}</h2>
        <EventTable rows={d.rereferrals} testId="rereferrals" empty={t("work.supervision.noRereferrals")} unitName={unitName} />
      </section>
    </div>
  );
}

type RoutingEvent = ReturnType<typeof useLoaderData<typeof loader>>["escalations"][number];

/** One line per escalation or re-referral: when, which message, what happened, to which unit, by whom and why. */
function EventTable({ rows, testId, empty, unitName }: { rows: RoutingEvent[]; testId: string; empty: string; unitName: (id: string | null) => string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { city } = useParams();
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  const what = (e: RoutingEvent) => {
    const level = (e.data as { level?: number } | null)?.level;
    return e.type === "escalated" && level ? t("work.supervision.level", { level: formatDigits(level, locale) }) : t(`work.events.${e.type}`);
  };
  return (
    <table className="data-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t("work.supervision.when")}</th>
          <th>{t("work.queue.code")}</th>
          <th>{t("work.supervision.what")}</th>
          <th>{t("work.supervision.to")}</th>
          <th>{t("work.supervision.who")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e.id} data-testid={`${testId}-row`}>
            <td>{formatDateTime(e.at, locale)}</td>
            <td dir="ltr">
              <Link to={`/${city}/messages/${e.trackingCode}`}>{readableCode(e.trackingCode, locale)}</Link>
            </td>
            <td>
              {what(e)} <span className="tag">{t(`work.states.${e.status}`)}</span>
              {e.note && <p className="note">{e.note}</p>}
            </td>
            <td>{e.unitId ? unitName(e.unitId) : "—"}</td>
            <td>{e.actorName ?? t("work.message.system")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
