import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { SessionWhen } from "../direct/when";
import { requireSessionStaff } from "../direct/staff.server";
import { failureResponse } from "../lib/api.server";
import { attempt, numberOrNull, text } from "../lib/forms.server";
import { jalaliParam } from "../lib/work.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, lead } = await requireSessionStaff(request, params.city!);
  try {
    const sessions = await api.directSession.list.query();
    if (!lead) return { sessions, lead, staff: [], units: [] };
    const [staff, units] = await Promise.all([api.staff.list.query(), api.unit.list.query()]);
    return {
      sessions,
      lead,
      staff: staff.filter((s) => s.active).map((s) => ({ id: s.id, displayName: s.displayName })),
      units: units.filter((u) => u.active && u.kind !== "external_agency").map((u) => ({ id: u.id, nameFa: u.nameFa, nameEn: u.nameEn })),
    };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireSessionStaff(request, params.city!);
  const f = await request.formData();
  const intent = text(f, "intent");
  if (intent === "step") return attempt(intent, () => api.directSession.step.mutate({ id: text(f, "id"), action: text(f, "action") as never }));
  return attempt("create", () =>
    api.directSession.create.mutate({
      staffId: text(f, "staffId"),
      titleFa: text(f, "titleFa"),
      titleEn: text(f, "titleEn"),
      unitId: text(f, "unitId"),
      date: jalaliParam(text(f, "date")) ?? "",
      start: text(f, "start"),
      end: text(f, "end"),
      weeks: numberOrNull(f, "weeks") ?? 1,
    }),
  );
}

/** The city's timetable of direct sessions; admins and supervisors schedule and cancel. */
export default function DirectSessionsPage() {
  const { sessions, lead, staff, units } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = useFieldErrors(outcome?.intent === "create" ? outcome : null);
  const { city } = useParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const fa = locale === "fa";
  const made = outcome?.ok && outcome.intent === "create" && Array.isArray(outcome.result) ? outcome.result.length : 0;
  const field = (name: string, label: string, input: JSX.Element) => (
    <div>
      <label htmlFor={`ds-${name}`}>{label}</label>
      {input}
      <FieldError id={`ds-${name}-error`} message={errors[name]} />
    </div>
  );
  const aria = (name: string) => ({ id: `ds-${name}`, name, "aria-invalid": errors[name] ? true : undefined, "aria-describedby": errors[name] ? `ds-${name}-error` : undefined });
  return (
    <>
      <section className="panel">
        <h1>{t("direct.title")}</h1>
        <p className="help">{t("direct.help")}</p>
        {outcome?.ok && outcome.intent === "step" && <p className="notice" role="status">{t("direct.actions.done")}</p>}
        {outcome && !outcome.ok && outcome.intent === "step" && <FormFeedback outcome={outcome} />}
        {sessions.length === 0 ? (
          <p>{t("direct.empty")}</p>
        ) : (
          <table className="data-table" data-testid="sessions-table">
            <thead>
              <tr>
                <th>{t("direct.table.when")}</th>
                <th>{t("direct.table.manager")}</th>
                <th>{t("direct.table.unit")}</th>
                <th>{t("direct.table.status")}</th>
                <th>{t("direct.table.questions")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} data-session={s.id} data-status={s.status} className={s.status === "cancelled" ? "muted" : undefined}>
                  <td>
                    <SessionWhen startsAt={s.startsAt} tehran={s.tehran} />
                  </td>
                  <td>
                    {s.managerName}
                    <br />
                    <small>{fa ? s.managerTitleFa : s.managerTitleEn}</small>
                  </td>
                  <td>{fa ? s.unitNameFa : s.unitNameEn}</td>
                  <td data-testid="session-status">{t(`direct.status.${s.status}`)}</td>
                  <td>{formatDigits(s.questions, locale)}</td>
                  <td>
                    {s.status !== "cancelled" && (
                      <Link to={`/${city}/sessions/${s.id}`} data-testid="session-open">
                        {t("direct.actions.open")}
                      </Link>
                    )}{" "}
                    {lead && s.status === "scheduled" && (
                      <Form
                        method="post"
                        style={{ display: "inline" }}
                        onSubmit={(e) => {
                          if (!window.confirm(t("direct.actions.cancelConfirm"))) e.preventDefault();
                        }}
                      >
                        <input type="hidden" name="intent" value="step" />
                        <input type="hidden" name="id" value={s.id} />
                        <button type="submit" name="action" value="cancel" className="small secondary">
                          {t("direct.actions.cancel")}
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
      {lead && (
        <section className="panel">
          <h2>{t("direct.schedule.title")}</h2>
          {made > 0 && (
            <p className="notice" role="status" data-testid="sessions-made">
              {t("direct.schedule.made", { count: made, n: formatDigits(made, locale) })}
            </p>
          )}
          {outcome && !outcome.ok && outcome.intent === "create" && <FormFeedback outcome={outcome} />}
          <Form method="post" className="form-grid" data-testid="session-form">
            <input type="hidden" name="intent" value="create" />
            {field(
              "staffId",
              t("direct.schedule.manager"),
              <select {...aria("staffId")} required>
                <option value="" />
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                  </option>
                ))}
              </select>,
            )}
            {field("titleFa", t("direct.schedule.titleFa"), <input {...aria("titleFa")} required dir="rtl" />)}
            {field("titleEn", t("direct.schedule.titleEn"), <input {...aria("titleEn")} required dir="ltr" />)}
            {field(
              "unitId",
              t("direct.schedule.unit"),
              <select {...aria("unitId")} required>
                <option value="" />
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {fa ? u.nameFa : u.nameEn}
                  </option>
                ))}
              </select>,
            )}
            {field("date", t("direct.schedule.date"), <input {...aria("date")} required inputMode="numeric" dir="ltr" placeholder={fa ? "۱۴۰۵/۰۹/۱۲" : "1405/09/12"} />)}
            {field("start", t("direct.schedule.start"), <input {...aria("start")} type="time" required defaultValue="10:00" />)}
            {field("end", t("direct.schedule.end"), <input {...aria("end")} type="time" required defaultValue="12:00" />)}
            {field("weeks", t("direct.schedule.weeks"), <input {...aria("weeks")} type="number" min={1} max={52} defaultValue={1} />)}
            <p className="help">{t("direct.schedule.weeksHint")}</p>
            <button type="submit" data-testid="session-submit">
              {t("direct.schedule.submit")}
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
