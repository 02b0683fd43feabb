import { useTranslation } from "react-i18next";

export type BillingStateName = "active" | "past_due" | "grace" | "restricted";

export function StateTag({ state }: { state: BillingStateName }) {
  const { t } = useTranslation();
  return (
    <span className={state === "active" ? "tag" : "tag warn"} data-testid="billing-state" data-state={state}>
      {t(`billing.states.${state}`)}
    </span>
  );
}
