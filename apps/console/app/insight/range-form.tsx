import { Form } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";

/** From/to in Jalali dates, plus any extra fields of the report. */
export function RangeForm({ fromJalali, toJalali, children }: { fromJalali: string; toJalali: string; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <Form method="get" className="insight-tools">
      <div>
        <label htmlFor="r-from">{t("insight.from")}</label>
        <input id="r-from" name="from" dir="ltr" defaultValue={formatDigits(fromJalali, locale)} title={t("insight.dateHint")} />
      </div>
      <div>
        <label htmlFor="r-to">{t("insight.to")}</label>
        <input id="r-to" name="to" dir="ltr" defaultValue={formatDigits(toJalali, locale)} title={t("insight.dateHint")} />
      </div>
      {children}
      <button type="submit">{t("insight.show")}</button>
    </Form>
  );
}
