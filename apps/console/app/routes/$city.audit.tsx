import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDateTime, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { failureResponse } from "../lib/api.server";
import { requireCityUser } from "../lib/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  try {
    return { entries: await api.audit.list.query({ limit: 200 }) };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function AuditPage() {
  const { entries } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <section className="panel">
      <h1>{t("audit.title")}</h1>
      <table className="data-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>{t("audit.at")}</th>
            <th>{t("audit.actor")}</th>
            <th>{t("audit.action")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{e.at ? formatDateTime(e.at, locale) : ""}</td>
              <td>{e.actorName ?? t("audit.system")}</td>
              <td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
