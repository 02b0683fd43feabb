import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { CityLogo } from "../components/city-logo";
import { ErrorPage } from "../components/error-page";
import { LanguageSwitch } from "../components/language-switch";
import { failureResponse } from "../lib/api.server";
import { portalApi } from "../portal/api.server";
import portalStyles from "../portal/portal.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalStyles }];

/** The city's own portal: its name, colours, logo and short number on every page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    return { city: await (await portalApi(request)).portal.city.query({ city: params.city! }) };
  } catch (err) {
    throw failureResponse(err);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `۱۳۷ ${data.city.nameFa} · 137 ${data.city.nameEn}` : "137" }];

export default function PortalLayout() {
  const { city } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const name = locale === "fa" ? city.nameFa : city.nameEn;
  const style = { "--brand": city.primaryColor, "--brand-2": city.secondaryColor } as CSSProperties;
  const base = `/p/${city.slug}`;
  return (
    <div className="portal" style={style} data-city={city.slug}>
      <a href="#portal-main" className="visually-hidden">
        {t("portal.skip")}
      </a>
      <header className="portal-header">
        <div className="portal-top">
          {/* Two links side by side: an anchor inside an anchor would be split by the HTML parser and break hydration. */}
          <div className="portal-brand">
            <NavLink to={base} end>
              <CityLogo svg={city.logoSvg} alt={name} size={40} />
            </NavLink>
            <span>
              <p className="portal-name" data-testid="portal-city">
                {t("portal.title", { city: name })}
              </p>
              <p className="portal-call">
                <a href={`tel:${city.shortNumber}`}>{t("portal.call", { number: formatDigits(city.shortNumber, locale) })}</a>
              </p>
            </span>
          </div>
          <LanguageSwitch />
        </div>
        <nav className="portal-nav" aria-label={t("portal.title", { city: name })}>
          <NavLink to={base} end data-testid="portal-nav-submit">
            {t("portal.nav.submit")}
          </NavLink>
          <NavLink to={`${base}/track`} data-testid="portal-nav-track">
            {t("portal.nav.track")}
          </NavLink>
          <NavLink to={`${base}/me`} data-testid="portal-nav-mine">
            {t("portal.nav.mine")}
          </NavLink>
          {city.publicMessages && (
            <NavLink to={`${base}/public`} data-testid="portal-nav-public">
              {t("portal.nav.public")}
            </NavLink>
          )}
        </nav>
      </header>
      <main className="portal-main" id="portal-main">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="portal">
      <ErrorPage />
    </div>
  );
}
