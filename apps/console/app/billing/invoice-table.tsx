import { Form, Link } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { jalaliDate } from "./dates";
import { Money } from "./money";

interface Row {
  id: string;
  number: number;
  periodStart: string;
  periodEnd: string;
  issuedOn: string;
  dueOn: string;
  totalRial: number;
  paidRial: number;
  status: "open" | "paid" | "void";
}

/** Invoices newest first; platform staff record a bank transfer against an open one. */
export function InvoiceTable({ invoices, toman, linkTo, payable = false, today }: { invoices: Row[]; toman: boolean; linkTo: (id: string) => string; payable?: boolean; today?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (invoices.length === 0) return <p data-testid="no-invoices">{t("billing.account.noInvoices")}</p>;
  return (
    <table className="data-table" data-testid="invoices-table">
      <thead>
        <tr>
          <th>{t("billing.account.number")}</th>
          <th>{t("billing.account.periodCol")}</th>
          <th>{t("billing.account.issuedOn")}</th>
          <th>{t("billing.account.dueOn")}</th>
          <th>{t("billing.account.total")}</th>
          <th>{t("billing.account.paid")}</th>
          <th>{t("billing.account.status")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {invoices.map((i) => (
          <tr key={i.id} data-testid={`invoice-${i.number}`}>
            <td>
              <Link to={linkTo(i.id)}>{formatDigits(i.number, locale)}</Link>
            </td>
            <td>
              {jalaliDate(i.periodStart, locale)} – {jalaliDate(i.periodEnd, locale)}
            </td>
            <td>{jalaliDate(i.issuedOn, locale)}</td>
            <td>
              {jalaliDate(i.dueOn, locale)}
              {i.status === "open" && today && i.dueOn < today && <span className="tag warn"> {t("billing.account.overdueBadge")}</span>}
            </td>
            <td>
              <Money rial={i.totalRial} toman={toman} />
            </td>
            <td>
              <Money rial={i.paidRial} toman={toman} />
            </td>
            <td>{t(`billing.invoiceStatus.${i.status}`)}</td>
            <td>
              {payable && i.status === "open" && (
                <details>
                  <summary>{t("billing.account.payTitle")}</summary>
                  <Form method="post" className="form-grid" data-testid={`pay-form-${i.number}`}>
                    <input type="hidden" name="intent" value="pay" />
                    <input type="hidden" name="invoiceId" value={i.id} />
                    <label>
                      {t("billing.account.amount")}
                      <input name="amountRial" inputMode="numeric" dir="ltr" defaultValue={String(i.totalRial - i.paidRial)} />
                    </label>
                    <label>
                      {t("billing.account.paidOn")}
                      <input name="paidOn" type="date" dir="ltr" required />
                    </label>
                    <label>
                      {t("billing.account.reference")}
                      <input name="reference" dir="ltr" />
                    </label>
                    <button type="submit">{t("billing.account.record")}</button>
                  </Form>
                </details>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
