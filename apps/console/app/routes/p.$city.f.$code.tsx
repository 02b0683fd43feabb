import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { attempt, optional, text } from "../lib/forms.server";
import { portalApi } from "../portal/api.server";
import { portalFieldErrors, portalMessage } from "../portal/messages";

/** The survey the resolution SMS links to: /p/:city/f/:code?s=… (or the mobile's last four digits). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("s");
  const view = token ? await attempt("track", async () => (await portalApi(request)).portal.track.query({ city: params.city!, trackingCode: params.code!, token })) : null;
  return { code: params.code!, token, view: view?.ok ? view.result : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const score = Number(text(form, "score"));
  return attempt("feedback", async () =>
    (await portalApi(request)).portal.feedback.mutate({
      city: params.city!,
      trackingCode: params.code!,
      token: optional(form, "token") ?? undefined,
      last4: optional(form, "last4") ?? undefined,
      score: Number.isInteger(score) && score > 0 ? score : (undefined as never),
      comment: optional(form, "comment"),
    }),
  );
}

export default function PortalFeedback() {
  const { code, token, view } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const failure = outcome && !outcome.ok ? outcome.failure : undefined;
  const errors = portalFieldErrors(t, failure, locale);
  if (outcome?.ok || view?.feedback) {
    return (
      <section className="panel">
        <h1>{t("portal.feedback.title")}</h1>
        <p className="notice" role="status" data-testid="feedback-thanks">
          {outcome?.ok ? t("portal.feedback.thanks") : t("portal.errors.feedbackGiven")}
        </p>
      </section>
    );
  }
  return (
    <Form method="post" className="panel" data-testid="feedback-form" noValidate>
      <h1>{t("portal.feedback.title")}</h1>
      {failure && (
        <p className="form-error" role="alert" data-testid="feedback-error">
          {errors.score ?? errors.last4 ?? portalMessage(t, failure, locale)}
        </p>
      )}
      {view?.answer?.note && <p className="description">{view.answer.note}</p>}
      <fieldset>
        <legend className="label">
          <strong>{t("portal.feedback.question", { code: formatDigits(code, locale) })}</strong>
        </legend>
        <div className="scores">
          {[5, 4, 3, 2, 1].map((s) => (
            <label key={s}>
              <input type="radio" name="score" value={s} data-testid={`score-${s}`} />
              {formatDigits(s, locale)} · {t(`portal.feedback.scores.${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor="comment">{t("portal.feedback.comment")}</label>
      <textarea id="comment" name="comment" rows={3} maxLength={2000} data-testid="feedback-comment" />
      {view && token ? (
        <input type="hidden" name="token" value={token} />
      ) : (
        <>
          <p className="help">{t("portal.feedback.needProof")}</p>
          <label htmlFor="last4">{t("portal.fields.last4")}</label>
          <input id="last4" name="last4" inputMode="numeric" dir="ltr" maxLength={4} aria-describedby="last4-error" data-testid="feedback-last4" />
          <FieldError id="last4-error" message={errors.last4} />
        </>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="feedback-send">
        {t("portal.feedback.send")}
      </button>
    </Form>
  );
}
