import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import styles from "../insight/insight.css?url";
import { requireCityUser } from "../lib/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const DASHBOARD_ROLES = ["manager", "supervisor", "city_admin", "unit_staff", "inspector"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { me } = await requireCityUser(request, params.city!);
  if (!me.user.roles.some((r) => DASHBOARD_ROLES.includes(r))) throw Response.json({ code: "FORBIDDEN", messageKey: "errors.forbidden" }, { status: 403 });
  return { reports: me.user.roles.some((r) => ["manager", "supervisor", "city_admin"].includes(r)) };
}

/** Dashboards, the engaged citizens and the council report, under one set of tabs. */
export default function InsightLayout() {
  const { t } = useTranslation();
  const { city } = useParams();
  return (
    <div>
      <nav className="tabs insight-tabs" aria-label={t("insight.nav")}>
        <NavLink to={`/${city}/insight`} end data-testid="tab-dashboard">
          {t("insight.tabs.dashboard")}
        </NavLink>
        <NavLink to={`/${city}/insight/map`} data-testid="tab-map">
          {t("insight.tabs.map")}
        </NavLink>
        <NavLink to={`/${city}/insight/citizens`} data-testid="tab-citizens">
          {t("insight.tabs.citizens")}
        </NavLink>
        <NavLink to={`/${city}/insight/council`} data-testid="tab-council">
          {t("insight.tabs.council")}
        </NavLink>
        <NavLink to={`/${city}/rankings`} data-testid="tab-rankings">
          {t("insight.navRankings")}
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
