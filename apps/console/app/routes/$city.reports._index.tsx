import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { failureResponse } from "../lib/api.server";
import { requireCityUser } from "../lib/session.server";

/** Inspectors: the city's protected reports. Anyone else on the staff: only how many there are. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { me, api } = await requireCityUser(request, params.city!);
  try {
    if (!me.user.roles.includes("inspector")) return { reports: null, count: await api.protectedReport.count.query() };
    return { reports: await api.protectedReport.list.query(), count: null };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function ProtectedReportsPage() {
  const { reports, count } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <section className="panel">
      <h1>{t("protected.inspector.title")}</h1>
      {count ? (
        <p data-testid="protected-count">{t("protected.inspector.countOnly", { open: formatDigits(count.open, locale), closed: formatDigits(count.closed, locale) })}</p>
      ) : (
        <>
          <p className="help">{t("protected.inspector.intro")}</p>
          {reports!.length === 0 ? (
            <p>{t("protected.inspector.none")}</p>
          ) : (
            <table className="data-table" data-testid="protected-list">
              <tbody>
                {reports!.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={r.id} data-testid="protected-open">
                        {t("protected.inspector.number", { n: formatDigits(r.number, locale) })}
                      </Link>
                    </td>
                    <td>{t(`protected.states.${r.status}`)}</td>
                    <td>{t("protected.inspector.received", { date: formatDate(r.receivedOn, locale) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
