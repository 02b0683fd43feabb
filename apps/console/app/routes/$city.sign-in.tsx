import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import type { Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { SignInForm } from "../components/sign-in-form";
import { signInAction } from "../lib/sign-in.server";
import type { loader as cityLoader } from "./$city";

export const loader = ({ params }: LoaderFunctionArgs) => ({ slug: params.city! });

export const action = ({ request, params }: ActionFunctionArgs) => signInAction(request, params.city!, `/${params.city}`);

export default function CitySignIn() {
  const { slug } = useLoaderData<typeof loader>();
  const data = useRouteLoaderData<typeof cityLoader>("routes/$city");
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const city = data?.city;
  const name = city ? ((i18n.language as Locale) === "fa" ? city.nameFa : city.nameEn) : slug;
  return (
    <SignInForm
      title={t("auth.title", { city: name })}
      next={search.get("next") ?? `/${slug}`}
      notice={search.get("other") ? t("auth.wrongCity") : undefined}
    />
  );
}
