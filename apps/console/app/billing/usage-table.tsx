import { formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { jalaliDate } from "./dates";

interface Usage {
  messages: number;
  sms: number;
  activeSeats: number;
  days: Array<{ day: string; messages: number; sms: number; activeSeats: number }>;
}

/** This month's usage against what the plan includes, and the days behind it. */
export function UsageSummary({ usage, plan }: { usage: Usage; plan: { includedMessages: number; includedSeats: number } | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const n = (x: number) => formatNumber(x, locale);
  return (
    <>
      <dl className="facts" data-testid="usage-summary">
        <div>
          <dt>{t("billing.usage.messages")}</dt>
          <dd data-testid="usage-messages">{plan ? t("billing.overview.ofIncluded", { used: n(usage.messages), included: n(plan.includedMessages) }) : n(usage.messages)}</dd>
        </div>
        <div>
          <dt>{t("billing.usage.seats")}</dt>
          <dd data-testid="usage-seats">{plan ? t("billing.overview.ofIncluded", { used: n(usage.activeSeats), included: n(plan.includedSeats) }) : n(usage.activeSeats)}</dd>
        </div>
        <div>
          <dt>{t("billing.usage.sms")}</dt>
          <dd data-testid="usage-sms">{n(usage.sms)}</dd>
        </div>
      </dl>
      {usage.days.length > 0 && (
        <details>
          <summary>{t("billing.usage.byDay")}</summary>
          <table className="data-table">
            <thead>
              <tr>
                <th>{t("billing.usage.day")}</th>
                <th>{t("billing.usage.messages")}</th>
                <th>{t("billing.usage.sms")}</th>
                <th>{t("billing.usage.seats")}</th>
              </tr>
            </thead>
            <tbody>
              {usage.days.map((d) => (
                <tr key={d.day}>
                  <td>{jalaliDate(d.day, locale)}</td>
                  <td>{n(d.messages)}</td>
                  <td>{n(d.sms)}</td>
                  <td>{n(d.activeSeats)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}
