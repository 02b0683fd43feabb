import { formatDigits, formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { jalaliDate } from "./dates";
import { Money } from "./money";

export interface InvoiceData {
  invoice: {
    number: number;
    periodStart: string;
    periodEnd: string;
    issuedOn: string;
    dueOn: string;
    lines: Array<{ code: string; quantity: number; unitRial: number; amountRial: number }>;
    totalRial: number;
    paidRial: number;
    status: string;
  };
  tenant: { nameFa: string; nameEn: string };
  account: { legalName: string; address: string; economicCode: string; itContactEmail: string; itContactPhone: string; showToman: boolean };
  payments: Array<{ id: string; amountRial: number; paidOn: string; reference: string }>;
}

/** The printable invoice: the platform's and the city's details, lines in rial, Jalali dates. */
export function InvoiceView({ data }: { data: InvoiceData }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { invoice, tenant, account, payments } = data;
  const d = (iso: string) => jalaliDate(iso, locale);
  const cityName = locale === "fa" ? tenant.nameFa : tenant.nameEn;
  return (
    <article className="panel invoice" data-testid="invoice">
      <header>
        <h1 data-testid="invoice-number">{t("billing.invoice.number", { number: formatDigits(invoice.number, locale) })}</h1>
        <p>{t("billing.invoice.issuedOn", { date: d(invoice.issuedOn) })} · {t("billing.invoice.dueOn", { date: d(invoice.dueOn) })}</p>
        <p>{t("billing.invoice.period", { from: d(invoice.periodStart), to: d(invoice.periodEnd) })}</p>
        <p>
          <span className={invoice.status === "paid" ? "tag" : "tag warn"} data-testid="invoice-status">
            {t(`billing.invoiceStatus.${invoice.status}`)}
          </span>
        </p>
      </header>
      <div className="invoice-parties">
        <section>
          <h2>{t("billing.invoice.seller")}</h2>
          <p>{t("billing.invoice.platformName")}</p>
          <p>{t("billing.invoice.platformDetails")}</p>
        </section>
        <section>
          <h2>{t("billing.invoice.buyer")}</h2>
          <p data-testid="invoice-buyer">{account.legalName || cityName}</p>
          {account.address && <p>{account.address}</p>}
          {account.economicCode && (
            <p>
              {t("billing.account.economicCode")}: <span dir="ltr">{account.economicCode}</span>
            </p>
          )}
        </section>
      </div>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t("billing.invoice.item")}</th>
            <th>{t("billing.invoice.quantity")}</th>
            <th>{t("billing.invoice.unitPrice")}</th>
            <th>{t("billing.invoice.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((l) => (
            <tr key={l.code}>
              <td>{t(`billing.lines.${l.code}`)}</td>
              <td>{formatNumber(l.quantity, locale)}</td>
              <td>
                <Money rial={l.unitRial} />
              </td>
              <td>
                <Money rial={l.amountRial} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>{t("billing.invoice.total")}</th>
            <td data-testid="invoice-total">
              <Money rial={invoice.totalRial} />
            </td>
          </tr>
          <tr>
            <th colSpan={3}>{t("billing.invoice.paid")}</th>
            <td>
              <Money rial={invoice.paidRial} />
            </td>
          </tr>
          <tr>
            <th colSpan={3}>{t("billing.invoice.balance")}</th>
            <td data-testid="invoice-balance">
              <Money rial={invoice.totalRial - invoice.paidRial} />
            </td>
          </tr>
        </tfoot>
      </table>
      {payments.length > 0 && (
        <section>
          <h2>{t("billing.invoice.payments")}</h2>
          <ul data-testid="invoice-payments">
            {payments.map((p) => (
              <li key={p.id}>
                {d(p.paidOn)} · <Money rial={p.amountRial} /> · <span dir="ltr">{p.reference}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t("billing.invoice.print")}
        </button>
      </p>
    </article>
  );
}
