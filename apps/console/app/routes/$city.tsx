import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { BillingBanner } from "../billing/banner";
import { ErrorPage } from "../components/error-page";
import { ShellHeader } from "../components/shell-header";
import { apiFailure, apiFor, failureResponse } from "../lib/api.server";
import { currentUser } from "../lib/session.server";

/** Every page of a city carries that city's name, colours and logo. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  let city;
  try {
    city = await (await apiFor(request, null)).city.get.query({ slug: params.city! });
  } catch (err) {
    const f = apiFailure(err);
    if (f.code === "BAD_REQUEST") throw Response.json({ ...f, messageKey: "errors.city.notFound" }, { status: 404 });
    throw failureResponse(err);
  }
  const user = await currentUser(request);
  const me = user?.me.kind === "city" && user.me.city.slug === city.slug ? user.me.user : null;
  // the billing banner; a failed lookup must never keep staff out of their work
  const billing = me ? await user!.api.billing.state.query().catch(() => null) : null;
  return { city, user: me, now: new Date().toISOString(), billingState: billing?.state ?? null };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `۱۳۷ ${data.city.nameFa} · 137 ${data.city.nameEn}` : "137" }];

export default function CityLayout() {
  const { city, user, now, billingState } = useLoaderData<typeof loader>();
  const style = { "--brand": city.primaryColor, "--brand-2": city.secondaryColor } as CSSProperties;
  return (
    <div className="city-shell" style={style} data-city={city.slug}>
      <ShellHeader city={city} user={user} now={now} />
      <BillingBanner state={billingState} city={city.slug} admin={!!user?.roles.includes("city_admin")} />
      <main className="city-main">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return (
    <div className="city-shell">
      <ErrorPage />
      <span hidden>{t("app.name")}</span>
    </div>
  );
}
