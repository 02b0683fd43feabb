import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";

interface Account {
  planId: string | null;
  cycle: "monthly" | "annual";
  provider: "offline" | "stripe";
  showToman: boolean;
  itContactName: string;
  itContactEmail: string;
  itContactPhone: string;
  legalName: string;
  address: string;
  economicCode: string;
}

const TEXTS = [
  ["itContactName", "contactName"],
  ["itContactEmail", "contactEmail"],
  ["itContactPhone", "contactPhone"],
  ["legalName", "legalName"],
  ["address", "address"],
  ["economicCode", "economicCode"],
] as const;

/** Plan, cycle, provider, and the city's contact and invoice details (platform staff). */
export function AccountForm({ account, plans, errors }: { account: Account; plans: Array<{ id: string; nameFa: string; nameEn: string }>; errors: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel">
      <h2>{t("billing.account.plan")}</h2>
      <Form method="post" className="form-grid" data-testid="account-form">
        <input type="hidden" name="intent" value="account" />
        <div>
          <label htmlFor="acc-plan">{t("billing.account.plan")}</label>
          <select id="acc-plan" name="planId" defaultValue={account.planId ?? ""} aria-invalid={!!errors.planId}>
            <option value="">{t("billing.overview.noPlan")}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {i18n.language === "fa" ? p.nameFa : p.nameEn}
              </option>
            ))}
          </select>
          <FieldError id="acc-plan-error" message={errors.planId} />
        </div>
        <div>
          <label htmlFor="acc-cycle">{t("billing.account.cycle")}</label>
          <select id="acc-cycle" name="cycle" defaultValue={account.cycle}>
            {(["monthly", "annual"] as const).map((c) => (
              <option key={c} value={c}>
                {t(`billing.cycles.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="acc-provider">{t("billing.account.provider")}</label>
          <select id="acc-provider" name="provider" defaultValue={account.provider}>
            {(["offline", "stripe"] as const).map((p) => (
              <option key={p} value={p}>
                {t(`billing.providers.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label>
            <input type="checkbox" name="showToman" defaultChecked={account.showToman} /> {t("billing.account.showToman")}
          </label>
        </div>
        <h3 className="wide">
          {t("billing.account.contact")} · {t("billing.account.invoiceDetails")}
        </h3>
        {TEXTS.map(([name, label]) => (
          <div key={name}>
            <label htmlFor={`acc-${name}`}>{t(`billing.account.${label}`)}</label>
            <input id={`acc-${name}`} name={name} defaultValue={account[name]} dir={name === "itContactEmail" || name === "itContactPhone" || name === "economicCode" ? "ltr" : undefined} aria-invalid={!!errors[name]} />
            <FieldError id={`acc-${name}-error`} message={errors[name]} />
          </div>
        ))}
        <div className="wide">
          <button type="submit" data-testid="account-save">
            {t("billing.account.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}
