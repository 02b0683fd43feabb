import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDigits, formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { jalaliDate } from "../billing/dates";
import { Money } from "../billing/money";
import { StateTag } from "../billing/state-tag";
import { failureResponse } from "../lib/api.server";
import { requirePlatformUser } from "../lib/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { api } = await requirePlatformUser(request);
  try {
    return await api.billing.overview.query();
  } catch (err) {
    throw failureResponse(err);
  }
}

/** Every city: plan, billing state, usage this month against the plan, what it owes, when it last had a message. */
export default function BillingOverview() {
  const { rows, period, stripeConfigured } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const n = (x: number) => formatNumber(x, locale);
  return (
    <section className="panel">
      <h1>{t("billing.overview.title")}</h1>
      <p className="help">{t("billing.overview.help")}</p>
      <p>
        {t("billing.overview.period", { period: `${formatDigits(period.jy, locale)}/${formatDigits(String(period.jm).padStart(2, "0"), locale)}` })} ·{" "}
        <Link to="/platform/plans" data-testid="plans-link">
          {t("billing.overview.plans")}
        </Link>
      </p>
      {!stripeConfigured && (
        <p className="notice" data-testid="stripe-offline">
          {t("billing.overview.offlineOnly")}
        </p>
      )}
      <table className="data-table" data-testid="billing-overview">
        <thead>
          <tr>
            <th>{t("billing.overview.city")}</th>
            <th>{t("billing.overview.plan")}</th>
            <th>{t("billing.overview.state")}</th>
            <th>{t("billing.overview.status")}</th>
            <th>{t("billing.overview.messages")}</th>
            <th>{t("billing.overview.seats")}</th>
            <th>{t("billing.overview.sms")}</th>
            <th>{t("billing.overview.overdue")}</th>
            <th>{t("billing.overview.lastActivity")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.tenantId} data-testid={`billing-row-${r.slug}`}>
              <td>{locale === "fa" ? r.nameFa : r.nameEn}</td>
              <td>{r.planCode ? (locale === "fa" ? r.planNameFa : r.planNameEn) : t("billing.overview.noPlan")}</td>
              <td>
                <StateTag state={r.state} />
              </td>
              <td>{t(`platform.statuses.${r.status}`)}</td>
              <td data-testid="row-messages">{r.includedMessages !== null ? t("billing.overview.ofIncluded", { used: n(r.messages), included: n(r.includedMessages) }) : n(r.messages)}</td>
              <td>{r.activeSeats === null ? t("billing.overview.none") : r.includedSeats !== null ? t("billing.overview.ofIncluded", { used: n(r.activeSeats), included: n(r.includedSeats) }) : n(r.activeSeats)}</td>
              <td>{n(r.sms)}</td>
              <td data-testid="row-overdue">{r.overdueRial > 0 ? <Money rial={r.overdueRial} /> : t("billing.overview.none")}</td>
              <td>{r.lastActivity ? jalaliDate(r.lastActivity, locale) : t("billing.overview.none")}</td>
              <td>
                <Link to={`/platform/tenants/${r.tenantId}`} data-testid={`manage-${r.slug}`}>
                  {t("billing.overview.manage")}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
