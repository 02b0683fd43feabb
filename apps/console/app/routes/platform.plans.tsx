import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { Money } from "../billing/money";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { attempt, text } from "../lib/forms.server";
import { requirePlatformUser } from "../lib/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { api } = await requirePlatformUser(request);
  try {
    return { plans: await api.billing.plan.list.query() };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { api } = await requirePlatformUser(request);
  const f = await request.formData();
  const num = (name: string) => text(f, name);
  return attempt("save", () =>
    api.billing.plan.save.mutate({
      code: text(f, "code"),
      nameFa: text(f, "nameFa"),
      nameEn: text(f, "nameEn"),
      monthlyPriceRial: num("monthlyPriceRial"),
      annualPriceRial: num("annualPriceRial"),
      includedSeats: num("includedSeats"),
      includedMessages: num("includedMessages"),
      extraSeatRial: num("extraSeatRial"),
      extraThousandMessagesRial: num("extraThousandMessagesRial"),
      stripeSeatPriceId: text(f, "stripeSeatPriceId"),
      stripeUsagePriceId: text(f, "stripeUsagePriceId"),
    }),
  );
}

const FIELDS = [
  ["code", "code", "text"],
  ["nameFa", "nameFa", "text"],
  ["nameEn", "nameEn", "text"],
  ["monthlyPriceRial", "monthly", "number"],
  ["annualPriceRial", "annual", "number"],
  ["includedSeats", "seats", "number"],
  ["includedMessages", "messages", "number"],
  ["extraSeatRial", "extraSeat", "number"],
  ["extraThousandMessagesRial", "extraThousand", "number"],
  ["stripeSeatPriceId", "stripeSeat", "text"],
  ["stripeUsagePriceId", "stripeUsage", "text"],
] as const;

export default function PlansPage() {
  const { plans } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = useFieldErrors(outcome);
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      <section className="panel">
        <p>
          <Link to="/platform/billing">{t("billing.overview.title")}</Link>
        </p>
        <h1>{t("billing.plans.title")}</h1>
        <p className="help">{t("billing.plans.help")}</p>
        {plans.length === 0 ? (
          <p>{t("billing.plans.empty")}</p>
        ) : (
          <table className="data-table" data-testid="plans-table">
            <thead>
              <tr>
                <th>{t("billing.plans.code")}</th>
                <th>{t("billing.plans.nameFa")}</th>
                <th>{t("billing.plans.monthly")}</th>
                <th>{t("billing.plans.annual")}</th>
                <th>{t("billing.plans.seats")}</th>
                <th>{t("billing.plans.messages")}</th>
                <th>{t("billing.plans.extraSeat")}</th>
                <th>{t("billing.plans.extraThousand")}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id}>
                  <td dir="ltr">{p.code}</td>
                  <td>{locale === "fa" ? p.nameFa : p.nameEn}</td>
                  <td>
                    <Money rial={p.monthlyPriceRial} />
                  </td>
                  <td>
                    <Money rial={p.annualPriceRial} />
                  </td>
                  <td>{formatNumber(p.includedSeats, locale)}</td>
                  <td>{formatNumber(p.includedMessages, locale)}</td>
                  <td>
                    <Money rial={p.extraSeatRial} />
                  </td>
                  <td>
                    <Money rial={p.extraThousandMessagesRial} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>{t("billing.plans.add")}</h2>
        {outcome && <FormFeedback outcome={outcome} success={t("billing.plans.saved")} />}
        <Form method="post" className="form-grid" data-testid="plan-form">
          {FIELDS.map(([name, label, type]) => (
            <div key={name}>
              <label htmlFor={`plan-${name}`}>{t(`billing.plans.${label}`)}</label>
              <input id={`plan-${name}`} name={name} type="text" inputMode={type === "number" ? "numeric" : undefined} dir={type === "number" || name.startsWith("stripe") || name === "code" ? "ltr" : undefined} aria-invalid={!!errors[name]} aria-describedby={`plan-${name}-error`} />
              <FieldError id={`plan-${name}-error`} message={errors[name]} />
            </div>
          ))}
          <div className="wide">
            <button type="submit" data-testid="plan-save">
              {t("billing.plans.save")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
