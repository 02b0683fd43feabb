import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { failureResponse } from "../lib/api.server";
import { requirePlatformUser } from "../lib/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { api } = await requirePlatformUser(request);
  try {
    return { tenants: await api.tenant.list.query() };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function PlatformHome() {
  const { tenants } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <section className="panel">
      <h1>{t("platform.title")}</h1>
      <h2>{t("platform.tenants")}</h2>
      <p>
        <Link to="/platform/tenants/new" className="button" data-testid="new-tenant">
          {t("platform.provision.title")}
        </Link>{" "}
        <Link to="/platform/billing" className="button secondary" data-testid="billing-overview-link">
          {t("billing.overview.title")}
        </Link>
      </p>
      <table className="data-table" data-testid="tenants-table">
        <thead>
          <tr>
            <th>{t("platform.name")}</th>
            <th>{t("platform.slug")}</th>
            <th>{t("platform.status")}</th>
            <th>{t("platform.regionCount")}</th>
            <th>{t("platform.staffCount")}</th>
          </tr>
        </thead>
        <tbody>
          {tenants.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/platform/tenants/${c.id}`}>{locale === "fa" ? c.nameFa : c.nameEn}</Link>
              </td>
              <td dir="ltr">
                <Link to={`/${c.slug}`}>/{c.slug}</Link>
              </td>
              <td>{t(`platform.statuses.${c.status}`)}</td>
              <td>{formatNumber(c.regionCount, locale)}</td>
              <td>{formatNumber(c.staffCount, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
