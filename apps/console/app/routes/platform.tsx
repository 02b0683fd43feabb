import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Outlet, useLoaderData } from "@remix-run/react";
import { formatLongDate, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "../components/error-page";
import { LanguageSwitch } from "../components/language-switch";
import { currentUser } from "../lib/session.server";

export const meta: MetaFunction = () => [{ title: "137 · Platform" }];

/** Platform staff have their own area: neutral colours, no city's branding. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await currentUser(request);
  return { user: user?.me.kind === "platform" ? user.me.user : null, now: new Date().toISOString() };
}

export default function PlatformLayout() {
  const { user, now } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="platform-shell">
      <header className="shell-header platform" data-testid="platform-header">
        <div className="brand">
          <p className="brand-name">{t("app.platformName")}</p>
          <p className="brand-meta">
            <time dateTime={now}>{formatLongDate(now, i18n.language as Locale)}</time>
          </p>
        </div>
        <div className="shell-tools">
          {user && (
            <p className="who" data-testid="signed-in-user">
              <strong>{user.displayName}</strong>
              <span className="roles">{user.roles.map((r) => t(`roles.${r}`)).join(i18n.language === "fa" ? "، " : ", ")}</span>
            </p>
          )}
          <LanguageSwitch />
          {user && (
            <Form method="post" action="/sign-out">
              <input type="hidden" name="redirectTo" value="/platform/sign-in" />
              <button type="submit" className="secondary" data-testid="sign-out">
                {t("common.signOut")}
              </button>
            </Form>
          )}
        </div>
      </header>
      <main className="city-main">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
