import { formatDateTime, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";

interface StripeAccount {
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  stripeSubscriptionStatus: string | null;
  stripeEventAt: string | Date | null;
}

const KNOWN = new Set(["active", "trialing", "past_due", "unpaid", "canceled", "incomplete", "incomplete_expired", "paused"]);

/** What Stripe knows of a Stripe city, as the outbox and the webhooks last left it (platform staff). */
export function StripePanel({ account }: { account: StripeAccount }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const status = account.stripeSubscriptionStatus;
  return (
    <section className="panel" data-testid="stripe-panel">
      <h2>{t("billing.stripe.title")}</h2>
      {!account.stripeCustomerId && <p className="help">{t("billing.stripe.pending")}</p>}
      <dl className="facts">
        <dt>{t("billing.stripe.customer")}</dt>
        <dd dir="ltr" data-testid="stripe-customer">{account.stripeCustomerId ?? t("billing.stripe.none")}</dd>
        <dt>{t("billing.stripe.subscription")}</dt>
        <dd dir="ltr" data-testid="stripe-subscription">{account.stripeSubscriptionId ?? t("billing.stripe.none")}</dd>
        <dt>{t("billing.stripe.status")}</dt>
        <dd data-testid="stripe-status" data-status={status ?? ""}>
          {status ? (KNOWN.has(status) ? t(`billing.stripe.statuses.${status}`) : status) : t("billing.stripe.none")}
        </dd>
        <dt>{t("billing.stripe.lastEvent")}</dt>
        <dd>{account.stripeEventAt ? formatDateTime(account.stripeEventAt, locale) : t("billing.stripe.none")}</dd>
      </dl>
    </section>
  );
}
