import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCityAdmin } from "../lib/require-admin.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCityAdmin(request, params.city!);
  return null;
}

const SECTIONS = ["branding", "areas", "categories", "units", "routing", "calendar"] as const;

export default function Settings() {
  const { t } = useTranslation();
  const { city } = useParams();
  return (
    <div className="settings">
      <nav className="settings-nav" aria-label={t("settings.title")}>
        <h2>{t("settings.title")}</h2>
        {SECTIONS.map((s) => (
          <NavLink key={s} to={`/${city}/settings/${s}`} data-testid={`settings-${s}`}>
            {t(`settings.nav.${s}`)}
          </NavLink>
        ))}
        <NavLink to={`/${city}/settings/responses`} data-testid="settings-responses">
          {t("work.responses.title")}
        </NavLink>
        <NavLink to={`/${city}/settings/api-keys`} data-testid="settings-api-keys">
          {t("open311.nav")}
        </NavLink>
        <NavLink to={`/${city}/staff`}>{t("settings.nav.staff")}</NavLink>
        <NavLink to={`/${city}/settings/billing`} data-testid="settings-billing">
          {t("billing.nav")}
        </NavLink>
      </nav>
      <div className="settings-body">
        <Outlet />
      </div>
    </div>
  );
}
