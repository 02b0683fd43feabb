import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams, useSearchParams } from "@remix-run/react";
import type { Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { BoundaryMap } from "../components/boundary-map";
import { failureResponse } from "../lib/api.server";
import { attempt, text } from "../lib/forms.server";
import { portalApi } from "../portal/api.server";
import { portalFieldErrors, portalMessage } from "../portal/messages";
import { OtpForms } from "../portal/otp-forms";
import { PublicCard } from "../portal/public-card";
import { localeField } from "../portal/submit.server";
import { citizenSessionOf, withCitizenSession } from "../portal/session.server";
import { usePortalCity } from "../portal/use-city";

/** One public message, and «من هم» for a citizen who verifies their mobile (or already has). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const api = await portalApi(request);
  try {
    const message = await api.portal.publicMessage.query({ city: params.city!, id: params.id! });
    const outlines = message.point ? (await api.portal.catalogue.query({ city: params.city! })).outlines : [];
    return { message, outlines, verified: !!(await citizenSessionOf(request, params.city!)) };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const city = params.city!;
  const id = params.id!;
  const form = await request.formData();
  const intent = text(form, "intent");
  const locale = localeField(form);
  const api = await portalApi(request);
  const join = async (session: string, cookie?: string) => {
    const outcome = await attempt("support", () => api.portal.support.mutate({ city, session, id, locale }));
    if (!outcome.ok) return { ...outcome, mobile: "" };
    const r = outcome.result;
    const said = r.own ? "own" : r.added ? "done" : "already";
    return redirect(`/p/${city}/public/${id}?metoo=${said}`, cookie ? { headers: { "set-cookie": cookie } } : undefined);
  };
  if (intent === "send") {
    const mobile = text(form, "mobile");
    return { ...(await attempt("send", () => api.portal.otpRequest.mutate({ city, mobile, locale }))), mobile };
  }
  if (intent === "verify") {
    const mobile = text(form, "mobile");
    const verified = await attempt("verify", () => api.portal.otpVerify.mutate({ city, mobile, code: text(form, "code") }));
    if (!verified.ok) return { ...verified, mobile };
    return join(verified.result.token, await withCitizenSession(request, city, verified.result.token));
  }
  const session = await citizenSessionOf(request, city);
  const joined = session ? await join(session) : null;
  // No session, or it expired: forget it, and the page asks for a code again.
  if (!joined || ("failure" in joined && joined.failure.code === "UNAUTHORIZED")) {
    return redirect(`/p/${city}/public/${id}`, { headers: { "set-cookie": await withCitizenSession(request, city, null) } });
  }
  return joined;
}

export default function PublicMessage() {
  const { message, outlines, verified } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { city } = useParams();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { shortNumber } = usePortalCity();
  const failure = outcome && !outcome.ok ? outcome.failure : undefined;
  const errors = portalFieldErrors(t, failure as never, locale);
  const general = failure && Object.keys(errors).length === 0 ? portalMessage(t, failure as never, locale, { number: shortNumber }) : null;
  const said = search.get("metoo");
  const sentTo = outcome && (outcome.intent === "send" ? (outcome.ok ? outcome.mobile : null) : outcome.intent === "verify" ? outcome.mobile : null);
  return (
    <section className="panel">
      <p>
        <Link to={`/p/${city}/public`}>{t("portal.public.back")}</Link>
      </p>
      <PublicCard city={city!} m={message} link={false} />
      {message.point && outlines.length > 0 && <BoundaryMap features={outlines as never} label={t("portal.public.map")} point={message.point} />}
      {said && (
        <p className="notice" role="status" data-testid="metoo-outcome" data-outcome={said}>
          {t(said === "done" ? "portal.public.meTooDone" : said === "own" ? "portal.public.meTooOwn" : "portal.public.meTooAlready")}
        </p>
      )}
      {general && (
        <p className="form-error" role="alert" data-testid="metoo-error">
          {general}
        </p>
      )}
      {!message.canSupport ? (
        <p className="help">{t("portal.public.meTooClosed")}</p>
      ) : said ? null : verified ? (
        <Form method="post">
          <input type="hidden" name="intent" value="support" />
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="primary" disabled={busy} data-testid="metoo">
            {t("portal.public.meToo")}
          </button>
        </Form>
      ) : (
        <div data-testid="metoo-verify">
          <h2>{t("portal.public.meToo")}</h2>
          <p className="help">{t("portal.public.meTooHelp")}</p>
          <OtpForms sentTo={sentTo} errors={errors} busy={busy} verifyLabel={t("portal.public.verifyAndJoin")} verifyTestId="metoo-verify-send" />
        </div>
      )}
    </section>
  );
}
