import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import { dir, type Locale } from "@city137/i18n";
import type { ReactNode } from "react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "./components/error-page";
import { apiFor } from "./lib/api.server";
import { localeOf } from "./lib/locale.server";
import styles from "./styles/app.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  let cityDefault: string | null = null;
  if (params.city) {
    try {
      cityDefault = (await (await apiFor(request, null)).city.get.query({ slug: params.city })).defaultLocale;
    } catch {
      // unknown city or API down: the city route answers for that
    }
  }
  const locale = await localeOf(request, cityDefault);
  return { locale, dir: dir(locale) };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? "fa";
  const { i18n } = useTranslation();
  // The protected channel's pages send no script at all (their handle says so; docs/decisions/017).
  const noScripts = useMatches().some((m) => (m.handle as { noScripts?: boolean } | undefined)?.noScripts);
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [locale, i18n]);
  return (
    <html lang={locale} dir={dir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {!noScripts && <ScrollRestoration />}
        {!noScripts && <Scripts />}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
