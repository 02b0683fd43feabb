import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { BillingStateName } from "./state-tag";

/** The city's staff are told when its account is overdue or restricted; citizens' work goes on regardless. */
export function BillingBanner({ state, city, admin }: { state: BillingStateName | null; city: string; admin: boolean }) {
  const { t } = useTranslation();
  if (!state || state === "active") return null;
  const key = state === "restricted" ? "restricted" : state === "grace" ? "grace" : "pastDue";
  return (
    <div className={state === "restricted" ? "form-error billing-banner" : "notice billing-banner"} role="status" data-testid="billing-banner" data-state={state}>
      <p>
        {t(`billing.banner.${key}`)}
        {admin && (
          <>
            {" "}
            <Link to={`/${city}/settings/billing`}>{t("billing.banner.link")}</Link>
          </>
        )}
      </p>
    </div>
  );
}
