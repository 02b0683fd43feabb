import { formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";

/** An amount kept in rial, shown in toman (÷10) when the city prefers it. */
export function Money({ rial, toman = false }: { rial: number; toman?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const amount = formatNumber(toman ? Math.round(rial / 10) : rial, locale);
  return <span className="money">{toman ? t("billing.toman", { amount }) : t("billing.rial", { amount })}</span>;
}
