import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { attempt, text } from "../lib/forms.server";
import { portalApi } from "../portal/api.server";
import { portalFieldErrors, portalMessage } from "../portal/messages";
import { TrackView } from "../portal/track-view";

/** From an SMS link (code and signed token) the message opens at once. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const code = url.searchParams.get("code");
  const token = url.searchParams.get("s");
  if (!code || !token) return { view: null };
  const outcome = await attempt("track", async () => (await portalApi(request)).portal.track.query({ city: params.city!, trackingCode: code, token }));
  return { view: outcome.ok ? outcome.result : null };
}

/** By hand: tracking code and the mobile's last four digits. */
export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  return attempt("track", async () => (await portalApi(request)).portal.track.query({ city: params.city!, trackingCode: text(form, "trackingCode"), last4: text(form, "last4") }));
}

export default function PortalTrack() {
  const { view } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { city } = useParams();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const shown = outcome?.ok ? outcome.result : view;
  const failure = outcome && !outcome.ok ? outcome.failure : undefined;
  const errors = portalFieldErrors(t, failure, locale);
  const justSent = search.get("new") === "1" && view;
  const uploadError = search.get("uploadError");
  return (
    <>
      {justSent && (
        <section className="panel intake-done" data-testid="portal-done">
          <h1>{t("portal.done.title")}</h1>
          <p>{t("portal.done.code")}</p>
          <p className="tracking-code" dir="ltr" data-testid="portal-tracking-code" data-code={view.trackingCode}>
            {formatDigits(view.trackingCode, locale)}
          </p>
          <p className="help">{t("portal.done.codeHelp")}</p>
          {Number(search.get("files") ?? 0) > 0 && <p className="notice">{t("portal.done.filesAdded", { n: formatDigits(Number(search.get("files")), locale) })}</p>}
          {uploadError && (
            <p className="form-error" role="alert" data-testid="upload-error">
              {t("portal.errors.upload", { name: search.get("uploadName") ?? "", reason: portalMessage(t, { code: "BAD_REQUEST", messageKey: uploadError }, locale, { maxMb: 20 }) })}
            </p>
          )}
        </section>
      )}
      {shown ? (
        <TrackView city={city!} data={shown} />
      ) : (
        <Form method="post" className="panel" data-testid="track-form" noValidate>
          <h1>{t("portal.track.title")}</h1>
          <p className="help">{t("portal.track.intro")}</p>
          {failure && Object.keys(errors).length === 0 && (
            <p className="form-error" role="alert">
              {portalMessage(t, failure, locale)}
            </p>
          )}
          <label htmlFor="trackingCode">{t("portal.fields.trackingCode")}</label>
          <input id="trackingCode" name="trackingCode" inputMode="numeric" dir="ltr" autoComplete="off" defaultValue={search.get("code") ?? ""} aria-invalid={!!errors.trackingCode || undefined} aria-describedby="trackingCode-error" data-testid="track-code" />
          <FieldError id="trackingCode-error" message={errors.trackingCode} />
          <label htmlFor="last4">{t("portal.fields.last4")}</label>
          <input id="last4" name="last4" inputMode="numeric" dir="ltr" maxLength={4} autoComplete="off" aria-invalid={!!errors.last4 || undefined} aria-describedby="last4-error" data-testid="track-last4" />
          <FieldError id="last4-error" message={errors.last4} />
          <button type="submit" className="primary" data-testid="track-submit">
            {t("portal.track.submit")}
          </button>
        </Form>
      )}
    </>
  );
}
