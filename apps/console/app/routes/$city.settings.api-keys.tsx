import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { formatDateTime, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { attempt, text } from "../lib/forms.server";
import { requireCityAdmin } from "../lib/require-admin.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  try {
    return { keys: await api.apiKey.list.query() };
  } catch (err) {
    throw failureResponse(err);
  }
}

/** Creating answers with the secret, once: it travels only in this action's response and is never loaded again. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const f = await request.formData();
  const intent = text(f, "intent");
  if (intent === "revoke") return attempt(intent, () => api.apiKey.revoke.mutate({ id: text(f, "id") }));
  return attempt("create", () => api.apiKey.create.mutate({ label: text(f, "label") }));
}

export default function ApiKeysPage() {
  const { keys } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = useFieldErrors(outcome);
  const { city } = useParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const made = outcome?.ok && "secret" in outcome.result ? { label: outcome.result.label, secret: String(outcome.result.secret) } : null;
  const revoked = outcome?.ok && outcome.intent === "revoke";
  return (
    <>
      <section className="panel">
        <h1>{t("open311.keys.title")}</h1>
        <p className="help">{t("open311.keys.help")}</p>
        <p className="help">
          {t("open311.keys.endpoint")}{" "}
          <code dir="ltr" data-testid="open311-endpoint">{`/open311/v2/${city}/`}</code> · {t("open311.keys.limit")}
        </p>
        {made ? (
          <div className="notice" role="status" data-testid="api-key-created">
            <p>
              <strong>{t("open311.keys.createdTitle", { label: made.label })}</strong>
            </p>
            <p>{t("open311.keys.secretOnce")}</p>
            <input
              readOnly
              dir="ltr"
              className="wide"
              value={made.secret}
              aria-label={t("open311.keys.title")}
              data-testid="api-key-secret"
              onFocus={(e) => e.currentTarget.select()}
              autoFocus
            />
            <p className="help">{t("open311.keys.copyHint")}</p>
          </div>
        ) : revoked ? (
          <p className="notice" role="status" data-testid="api-key-revoked">
            {t("open311.keys.revokedNotice")}
          </p>
        ) : (
          outcome && !outcome.ok && outcome.intent === "revoke" && <FormFeedback outcome={outcome} />
        )}
        {keys.length === 0 ? (
          <p data-testid="api-keys-empty">{t("open311.keys.empty")}</p>
        ) : (
          <table className="data-table" data-testid="api-keys-table">
            <thead>
              <tr>
                <th>{t("open311.keys.label")}</th>
                <th>{t("open311.keys.prefix")}</th>
                <th>{t("open311.keys.createdAt")}</th>
                <th>{t("open311.keys.createdBy")}</th>
                <th>{t("open311.keys.lastUsedAt")}</th>
                <th>{t("open311.keys.status")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} className={k.revokedAt ? "muted" : undefined}>
                  <td>{k.label}</td>
                  <td dir="ltr">
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{formatDateTime(k.createdAt, locale)}</td>
                  <td>{k.createdByName ?? ""}</td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale) : t("open311.keys.never")}</td>
                  <td>{k.revokedAt ? <span className="tag warn">{t("open311.keys.revoked", { at: formatDateTime(k.revokedAt, locale) })}</span> : t("open311.keys.active")}</td>
                  <td>
                    {!k.revokedAt && (
                      <Form
                        method="post"
                        onSubmit={(e) => {
                          if (!window.confirm(t("open311.keys.revokeConfirm"))) e.preventDefault();
                        }}
                      >
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={k.id} />
                        <button type="submit" className="small secondary" data-testid={`revoke-${k.prefix}`}>
                          {t("open311.keys.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>{t("open311.keys.create")}</h2>
        <Form method="post" className="form-grid" data-testid="api-key-form">
          <input type="hidden" name="intent" value="create" />
          <div className="wide">
            <label htmlFor="k-label">{t("open311.keys.label")}</label>
            <input id="k-label" name="label" maxLength={120} placeholder={t("open311.keys.labelPlaceholder")} aria-invalid={!!errors.label} aria-describedby="k-label-error" />
            <FieldError id="k-label-error" message={errors.label ? t("open311.keys.labelInvalid") : undefined} />
          </div>
          <div className="wide">
            <button type="submit">{t("open311.keys.create")}</button>
          </div>
        </Form>
      </section>
    </>
  );
}
