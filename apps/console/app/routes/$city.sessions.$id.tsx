import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { MESSAGE_KINDS } from "@city137/core/vocabulary";
import { formatDigits, type Locale } from "@city137/i18n";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { AttributeFields, type AttributeDef } from "../components/attribute-fields";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { listStyle, localDigits, SessionWhen } from "../direct/when";
import { requireSessionStaff } from "../direct/staff.server";
import { failureResponse } from "../lib/api.server";
import { attempt, text } from "../lib/forms.server";
import { intakeInput } from "../lib/work.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, roles, lead, staffId } = await requireSessionStaff(request, params.city!);
  try {
    const [{ session, questions }, categories] = await Promise.all([api.directSession.questions.query({ id: params.id! }), api.category.list.query()]);
    return {
      session,
      questions,
      canAsk: roles.some((r) => r === "operator" || r === "supervisor" || r === "city_admin"),
      canAnswer: lead || session.managerStaffId === staffId,
      canRun: lead || session.managerStaffId === staffId || roles.includes("operator"),
      canPublish: lead || session.managerStaffId === staffId,
      categories: categories
        .filter((c) => c.active && c.kinds.some((k) => k !== "corruption_report"))
        .map((c) => ({ id: c.id, nameFa: c.nameFa, nameEn: c.nameEn, kinds: c.kinds, attributes: c.attributes as AttributeDef[] })),
    };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireSessionStaff(request, params.city!);
  const f = await request.formData();
  const intent = text(f, "intent");
  if (intent === "step") return attempt(intent, () => api.directSession.step.mutate({ id: params.id!, action: text(f, "action") as never }));
  if (intent === "answer") return attempt(intent, () => api.directSession.answer.mutate({ requestId: text(f, "requestId"), note: text(f, "note") }));
  const categories = await api.category.list.query();
  // The same intake as the phone form, with the session preselected.
  return attempt("ask", () => api.request.create.mutate({ ...intakeInput(f, categories), channel: "direct_session", directSessionId: params.id! }));
}

const newKey = () => `ds-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** A session: operators register callers' questions while it is live; its manager answers each; then end and publish. */
export default function DirectSessionPage() {
  const { session, questions, canAsk, canAnswer, canRun, canPublish, categories } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const askErrors = useFieldErrors(outcome?.intent === "ask" ? outcome : null);
  const { city } = useParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const fa = locale === "fa";
  const [categoryId, setCategoryId] = useState("");
  const [key, setKey] = useState(newKey);
  const description = useRef<HTMLTextAreaElement>(null);
  const category = categories.find((c) => c.id === categoryId);
  const registered = outcome?.ok && outcome.intent === "ask" ? (outcome.result as unknown as { trackingCode: string }).trackingCode : null;
  useEffect(() => {
    // A new caller: a new key, the cursor back on the subject.
    if (registered) setKey(newKey());
  }, [registered]);
  const live = session.status === "live";
  const err = (name: string) => ({ "aria-invalid": askErrors[name] ? true : undefined, "aria-describedby": askErrors[name] ? `ask-${name}-error` : undefined });
  return (
    <>
      <section className="panel">
        <p>
          <Link to={`/${city}/sessions`}>{t("direct.live.back")}</Link>
        </p>
        <h1>
          {session.managerName} — {fa ? session.managerTitleFa : session.managerTitleEn}
        </h1>
        <p>
          <SessionWhen startsAt={session.startsAt} tehran={session.tehran} /> — <strong data-testid="session-status">{t(`direct.status.${session.status}`)}</strong>
        </p>
        {outcome && !outcome.ok && outcome.intent === "step" && <FormFeedback outcome={outcome} />}
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="step" />
          {canRun && session.status === "scheduled" && (
            <button type="submit" name="action" value="start" data-testid="session-start">
              {t("direct.actions.start")}
            </button>
          )}
          {canRun && live && (
            <button type="submit" name="action" value="end" className="secondary" data-testid="session-end">
              {t("direct.actions.end")}
            </button>
          )}
          {canPublish && session.status === "ended" && (
            <button type="submit" name="action" value="publish" data-testid="session-publish">
              {t("direct.actions.publish")}
            </button>
          )}
        </Form>
      </section>

      {canAsk && (
        <section className="panel">
          <h2>{t("direct.live.ask")}</h2>
          {!live ? (
            <p className="help">{t("direct.live.notLive")}</p>
          ) : (
            <>
              <p className="help">{t("direct.live.askHelp")}</p>
              {registered && (
                <p className="notice" role="status" data-testid="question-registered">
                  {t("direct.live.registered", { code: formatDigits(registered, locale) })}
                </p>
              )}
              {outcome && !outcome.ok && outcome.intent === "ask" && <FormFeedback outcome={outcome} />}
              <Form method="post" className="form-grid" data-testid="question-form" key={key}>
                <input type="hidden" name="intent" value="ask" />
                <input type="hidden" name="idempotencyKey" value={key} />
                <div>
                  <label htmlFor="ask-categoryId">{t("direct.live.category")}</label>
                  <select id="ask-categoryId" name="categoryId" required autoFocus value={categoryId} onChange={(e) => setCategoryId(e.target.value)} {...err("categoryId")}>
                    <option value="" />
                    {categories.map((c) => (
                      <option key={c.id} value={c.id}>
                        {fa ? c.nameFa : c.nameEn}
                      </option>
                    ))}
                  </select>
                  <FieldError id="ask-categoryId-error" message={askErrors.categoryId} />
                </div>
                <div>
                  <label htmlFor="ask-kind">{t("direct.live.kind")}</label>
                  <select id="ask-kind" name="kind" required defaultValue="inquiry" {...err("kind")}>
                    {MESSAGE_KINDS.filter((k) => k !== "corruption_report" && (!category || category.kinds.includes(k as never))).map((k) => (
                      <option key={k} value={k}>
                        {t(`settings.kinds.${k}`)}
                      </option>
                    ))}
                  </select>
                  <FieldError id="ask-kind-error" message={askErrors.kind} />
                </div>
                {category && <AttributeFields key={category.id} attributes={category.attributes} errors={askErrors} />}
                <div className="wide">
                  <label htmlFor="ask-description">{t("direct.live.question")}</label>
                  <textarea id="ask-description" name="description" ref={description} required rows={3} {...err("description")} />
                  <FieldError id="ask-description-error" message={askErrors.description} />
                </div>
                <div>
                  <label htmlFor="ask-name">{t("direct.live.name")}</label>
                  <input id="ask-name" name="name" autoComplete="off" {...err("citizen.name")} />
                  <FieldError id="ask-name-error" message={askErrors["citizen.name"]} />
                </div>
                <div>
                  <label htmlFor="ask-mobile">{t("direct.live.mobile")}</label>
                  <input id="ask-mobile" name="mobile" inputMode="tel" dir="ltr" autoComplete="off" {...err("citizen.mobile")} />
                  <FieldError id="ask-mobile-error" message={askErrors["citizen.mobile"]} />
                </div>
                <button type="submit" data-testid="question-submit">
                  {t("direct.live.submit")}
                </button>
              </Form>
            </>
          )}
        </section>
      )}

      <section className="panel">
        <h2>{t("direct.live.questions")}</h2>
        {outcome && !outcome.ok && outcome.intent === "answer" && <FormFeedback outcome={outcome} />}
        {questions.length === 0 ? (
          <p>{t("direct.live.noQuestions")}</p>
        ) : (
          <ol className="qa-list" data-testid="session-questions" style={listStyle(locale)}>
            {questions.map((q) => (
              <li key={q.id} data-question={q.trackingCode}>
                <p>
                  <Link to={`/${city}/messages/${q.trackingCode}`} dir="ltr">
                    {formatDigits(q.trackingCode, locale)}
                  </Link>{" "}
                  — {q.answer ? t("direct.live.answered") : t("direct.live.waiting")}
                </p>
                <p>{localDigits(q.description, locale)}</p>
                {q.answer ? (
                  <p data-testid="question-answer">
                    <strong>{t("direct.live.answer")}:</strong> {localDigits(q.answer, locale)}
                  </p>
                ) : (
                  canAnswer &&
                  (session.status === "live" || session.status === "ended") && (
                    <Form method="post" data-testid="answer-form">
                      <input type="hidden" name="intent" value="answer" />
                      <input type="hidden" name="requestId" value={q.id} />
                      <label htmlFor={`answer-${q.id}`}>{t("direct.live.answer")}</label>
                      <textarea id={`answer-${q.id}`} name="note" required rows={2} />
                      <button type="submit" className="small">
                        {t("direct.live.answerSubmit")}
                      </button>
                    </Form>
                  )
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
