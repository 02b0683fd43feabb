import { useTranslation } from "react-i18next";

/** Export and print buttons of a report. */
export function ReportTools({ csvHref }: { csvHref: string }) {
  const { t } = useTranslation();
  return (
    <p className="insight-tools no-print">
      <a href={csvHref} download data-testid="export-csv" className="button secondary">
        {t("insight.exportCsv")}
      </a>
      <button type="button" className="secondary" onClick={() => window.print()} data-testid="print">
        {t("insight.print")}
      </button>
    </p>
  );
}
