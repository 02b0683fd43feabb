import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** The short link in an SMS: /p/:city/t/:code?s=… opens the message's page. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const s = new URL(request.url).searchParams.get("s") ?? "";
  return redirect(`/p/${params.city}/track?code=${encodeURIComponent(params.code!)}&s=${encodeURIComponent(s)}`);
}
