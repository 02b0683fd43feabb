import { Form, NavLink } from "@remix-run/react";
import { formatDigits, formatLongDate, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { CityLogo } from "./city-logo";
import { LanguageSwitch } from "./language-switch";

interface City {
  slug: string;
  nameFa: string;
  nameEn: string;
  logoSvg: string;
  shortNumber: string;
}

interface User {
  displayName: string;
  roles: string[];
}

/** The city console's header: its own logo, name and short number; who is signed in; today in Jalali. */
export function ShellHeader({ city, user, now }: { city: City; user: User | null; now: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const cityName = locale === "fa" ? city.nameFa : city.nameEn;
  const isAdmin = user?.roles.includes("city_admin");
  const has = (...roles: string[]) => Boolean(user?.roles.some((r) => roles.includes(r)));
  return (
    <header className="shell-header" data-testid="shell-header">
      <div className="brand">
        <CityLogo svg={city.logoSvg} alt={cityName} />
        <div>
          <p className="brand-name" data-testid="city-name">
            {t("app.name")} {cityName}
          </p>
          <p className="brand-meta">
            {t("shell.shortNumber", { number: formatDigits(city.shortNumber, locale) })}
            <span aria-hidden="true"> · </span>
            <time dateTime={now} data-testid="today">
              {formatLongDate(now, locale)}
            </time>
          </p>
        </div>
      </div>
      {user && (
        <nav aria-label={t("shell.nav")} className="shell-nav">
          <NavLink to={`/${city.slug}`} end>
            {t("shell.navHome")}
          </NavLink>
          {has("operator", "supervisor", "city_admin") && (
            <NavLink to={`/${city.slug}/intake`} data-testid="nav-intake">
              {t("work.nav.intake")}
            </NavLink>
          )}
          <NavLink to={`/${city.slug}/queue`} data-testid="nav-queue">
            {t("work.nav.queue")}
          </NavLink>
          {has("supervisor", "city_admin", "manager") && (
            <NavLink to={`/${city.slug}/supervision`} data-testid="nav-supervision">
              {t("work.nav.supervision")}
            </NavLink>
          )}
          {has("manager", "supervisor", "city_admin", "unit_staff", "inspector") && (
            <NavLink to={`/${city.slug}/insight`} data-testid="nav-insight">
              {t("insight.nav")}
            </NavLink>
          )}
          {has("operator", "supervisor", "city_admin", "manager") && (
            <NavLink to={`/${city.slug}/sessions`} data-testid="nav-sessions">
              {t("direct.nav")}
            </NavLink>
          )}
          {has("supervisor", "city_admin") && (
            <NavLink to={`/${city.slug}/sms`} data-testid="nav-sms">
              {t("portal.nav.sms")}
            </NavLink>
          )}
          {has("supervisor", "city_admin") && (
            <NavLink to={`/${city.slug}/qr`} data-testid="nav-qr">
              {t("portal.nav.qr")}
            </NavLink>
          )}
          {has("inspector", "supervisor", "city_admin") && (
            <NavLink to={`/${city.slug}/reports`} data-testid="nav-protected">
              {t("protected.inspector.nav")}
            </NavLink>
          )}
          {isAdmin && <NavLink to={`/${city.slug}/staff`}>{t("shell.navStaff")}</NavLink>}
          {isAdmin && <NavLink to={`/${city.slug}/audit`}>{t("shell.navAudit")}</NavLink>}
          {isAdmin && <NavLink to={`/${city.slug}/settings`}>{t("settings.title")}</NavLink>}
        </nav>
      )}
      <div className="shell-tools">
        {user && (
          <p className="who" data-testid="signed-in-user">
            <strong>{user.displayName}</strong>
            <span className="roles">{user.roles.map((r) => t(`roles.${r}`)).join(locale === "fa" ? "، " : ", ")}</span>
          </p>
        )}
        <LanguageSwitch />
        {user && (
          <Form method="post" action="/sign-out">
            <input type="hidden" name="redirectTo" value={`/${city.slug}/sign-in`} />
            <button type="submit" className="secondary" data-testid="sign-out">
              {t("common.signOut")}
            </button>
          </Form>
        )}
      </div>
    </header>
  );
}
