import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvoiceTable } from "../billing/invoice-table";
import { InvoiceView } from "../billing/invoice-view";
import { Money } from "../billing/money";
import { StateTag } from "../billing/state-tag";
import { UsageSummary } from "../billing/usage-table";
import { FormFeedback } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { attempt } from "../lib/forms.server";
import { requireCityAdmin } from "../lib/require-admin.server";

/** The city admin's own billing: plan, this month's usage, invoices (?invoice=<id> prints one). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const invoiceId = new URL(request.url).searchParams.get("invoice");
  try {
    if (invoiceId) return { invoice: await api.billing.myInvoice.query({ id: invoiceId }), mine: null };
    return { invoice: null, mine: await api.billing.mine.query() };
  } catch (err) {
    throw failureResponse(err);
  }
}

/** A Stripe city's admin goes to Stripe's customer portal and comes back here. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const returnUrl = new URL(`/${params.city}/settings/billing`, request.url).toString();
  const outcome = await attempt("portal", () => api.billing.portalLink.mutate({ returnUrl }));
  return outcome.ok ? redirect(outcome.result.url) : outcome;
}

export default function CityBilling() {
  const { invoice, mine } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { city } = useParams();
  const { t, i18n } = useTranslation();
  if (invoice) {
    return (
      <>
        <p className="no-print">
          <Link to={`/${city}/settings/billing`}>{t("billing.invoice.back")}</Link>
        </p>
        <InvoiceView data={invoice} />
      </>
    );
  }
  const { account, plan, usage, invoices, owed, today } = mine!;
  const toman = account.showToman;
  return (
    <>
      <section className="panel" data-testid="city-billing">
        <h1>{t("billing.mine.title")}</h1>
        <p className="help">{t("billing.mine.help")}</p>
        <p>
          {t("billing.mine.state")}: <StateTag state={account.state} />
        </p>
        {outcome && <FormFeedback outcome={outcome} />}
        {account.provider === "stripe" && (
          <Form method="post">
            <button type="submit" data-testid="stripe-portal">
              {t("billing.mine.portal")}
            </button>
          </Form>
        )}
        <p data-testid="city-plan">{plan ? (i18n.language === "fa" ? plan.nameFa : plan.nameEn) : t("billing.mine.noPlan")}</p>
        {owed.openRial > 0 && (
          <p>
            {t("billing.overview.open")}: <Money rial={owed.openRial} toman={toman} />
            {owed.overdueRial > 0 && (
              <>
                {" · "}
                {t("billing.overview.overdue")}: <Money rial={owed.overdueRial} toman={toman} />
              </>
            )}
          </p>
        )}
      </section>
      <section className="panel">
        <h2>{t("billing.account.usage")}</h2>
        <UsageSummary usage={usage} plan={plan} />
      </section>
      <section className="panel">
        <h2>{t("billing.account.invoices")}</h2>
        <InvoiceTable invoices={invoices} toman={toman} today={today} linkTo={(id) => `/${city}/settings/billing?invoice=${id}`} />
      </section>
    </>
  );
}
