import type { ActionFunctionArgs } from "@remix-run/node";
import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SignInForm } from "../components/sign-in-form";
import { signInAction } from "../lib/sign-in.server";

export const action = ({ request }: ActionFunctionArgs) => signInAction(request, null, "/platform");

export default function PlatformSignIn() {
  const [search] = useSearchParams();
  const { t } = useTranslation();
  return <SignInForm title={t("auth.platformTitle")} next={search.get("next") ?? "/platform"} />;
}
