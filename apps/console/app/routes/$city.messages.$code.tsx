import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { availableActions, canActOnRequest, type RequestAction } from "@city137/core/lifecycle";
import { formatDateTime, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { BoundaryMap } from "../components/boundary-map";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { AttachmentList } from "../components/attachment-list";
import { API_ORIGIN, apiFor, failureResponse, tokenOf, UploadFailure } from "../lib/api.server";
import { deadlineState, readableCode } from "../lib/format";
import { attempt, text } from "../lib/forms.server";
import { requireCityUser } from "../lib/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, me } = await requireCityUser(request, params.city!);
  try {
    const message = await api.request.get.query({ trackingCode: params.code! });
    const [attachments, categories, units, areas, boundaries, templates] = await Promise.all([
      api.attachment.list.query({ requestId: message.id }),
      api.category.list.query(),
      api.unit.list.query(),
      api.area.list.query(),
      message.lat !== null ? api.area.exportBoundaries.query() : Promise.resolve(null),
      api.responseTemplate.list.query(),
    ]);
    // Ready answers of the message's category and its ancestors, then the city-wide ones.
    const chain = new Set<string>();
    for (let c = categories.find((x) => x.id === message.categoryId); c; c = categories.find((x) => x.id === c!.parentId)) chain.add(c.id);
    const areaName = new Map(areas.map((a) => [a.id, { nameFa: a.nameFa, nameEn: a.nameEn }]));
    const category = categories.find((c) => c.id === message.categoryId);
    return {
      message,
      attachments: attachments.map((a) => ({ id: a.id, kind: a.kind, purpose: a.purpose, mime: a.mime, sizeBytes: a.sizeBytes, originalName: a.originalName })),
      viewer: { roles: me.user.roles, unitIds: me.user.unitIds },
      city: params.city!,
      category: category && { nameFa: category.nameFa, nameEn: category.nameEn, attributes: category.attributes as Array<{ code: string; labelFa: string; labelEn: string; values?: Array<{ key: string; nameFa: string; nameEn: string }> }> },
      units: units.filter((u) => u.active).map((u) => ({ id: u.id, nameFa: u.nameFa, nameEn: u.nameEn, kind: u.kind })),
      allUnits: Object.fromEntries(units.map((u) => [u.id, { nameFa: u.nameFa, nameEn: u.nameEn }])),
      district: message.districtId ? areaName.get(message.districtId) ?? null : null,
      region: message.regionId ? areaName.get(message.regionId) ?? null : null,
      boundaries: boundaries?.features.filter((f) => f.properties.level === "district") ?? [],
      templates: templates
        .filter((r) => r.active && (r.categoryId === null || chain.has(r.categoryId)))
        .sort((a, b) => Number(a.categoryId === null) - Number(b.categoryId === null))
        .map((r) => ({ id: r.id, titleFa: r.titleFa, titleEn: r.titleEn, body: r.body })),
      now: new Date().toISOString(),
    };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const form = await request.formData();
  if (form.get("intent") === "upload") return uploadAttachment(request, params.code!, form);
  // Not "action": a field of that name would shadow the form's own action property.
  const action = text(form, "step") as RequestAction;
  return attempt(action, async () => {
    const current = await api.request.get.query({ trackingCode: params.code! });
    const duplicateCode = text(form, "duplicateOf");
    const duplicateOf = duplicateCode ? (await api.request.get.query({ trackingCode: duplicateCode })).id : undefined;
    return api.request.transition.mutate({
      id: current.id,
      action,
      note: text(form, "note"),
      unitId: text(form, "unitId") || undefined,
      duplicateOf,
      externalAgency: text(form, "externalAgency") || undefined,
    });
  });
}

/** Forwards the chosen file to the API, which checks its type by content and who may attach. */
async function uploadAttachment(request: Request, code: string, form: FormData) {
  const api = await apiFor(request);
  return attempt("upload", async () => {
    const current = await api.request.get.query({ trackingCode: code });
    const body = new FormData();
    const file = form.get("file");
    if (file instanceof File && file.size > 0) body.set("file", file, file.name);
    body.set("purpose", String(form.get("purpose") ?? "proof"));
    const res = await fetch(`${API_ORIGIN}/files/requests/${current.id}`, { method: "POST", body, headers: { authorization: `Bearer ${await tokenOf(request)}` } });
    const data = (await res.json()) as { messageKey?: string; field?: string; code?: string };
    if (!res.ok) throw new UploadFailure(data);
    return data;
  });
}

const NEEDS_NOTE: RequestAction[] = ["resolve", "reject", "return_to_hq", "reopen", "forward", "mark_duplicate"];

export default function MessagePage() {
  const d = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const m = d.message;
  const name = (x: { nameFa: string; nameEn: string } | null | undefined) => (x ? (locale === "fa" ? x.nameFa : x.nameEn) : "—");
  const viewer = { roles: d.viewer.roles as never, unitIds: d.viewer.unitIds };
  const actions = availableActions(m.status).filter((a) => canActOnRequest(viewer, m, a));
  const errors = useFieldErrors(outcome);
  const late = deadlineState(m.deadline, new Date(d.now));
  const answers = Object.entries(m.attributes ?? {});
  const label = (code: string) => {
    const a = d.category?.attributes.find((x) => x.code === code);
    return a ? (locale === "fa" ? a.labelFa : a.labelEn) : code;
  };
  /** A choice's name rather than its key; numbers in the reader's digits. */
  const answer = (code: string, value: unknown): string => {
    const choices = d.category?.attributes.find((x) => x.code === code)?.values ?? [];
    const one = (v: unknown) => {
      const c = choices.find((x) => x.key === v);
      return c ? name(c) : typeof v === "number" ? formatDigits(v, locale) : String(v);
    };
    return Array.isArray(value) ? value.map(one).join(locale === "fa" ? "، " : ", ") : one(value);
  };
  return (
    <div className="message-page">
      <section className="panel">
        <h1 data-testid="message-title">
          {t("work.message.title", { code: readableCode(m.trackingCode, locale) })}{" "}
          <span className={`state state-${m.status}`} data-testid="message-status">
            {t(`work.states.${m.status}`)}
          </span>
          {late === "overdue" && m.status !== "resolved" && m.status !== "closed" && <span className="tag warn">{t("work.message.overdue")}</span>}
        </h1>
        {m.kind === "corruption_report" && <p className="form-error">{t("work.message.confidential")}</p>}
        {outcome?.ok && <FormFeedback outcome={outcome} success={t("work.message.done", { action: t(`work.actions.${outcome.intent}`) })} />}
        {outcome && !outcome.ok && <FormFeedback outcome={outcome} />}
        <div className="two-col">
          <dl className="facts" data-testid="message-facts">
            <dt>{t("work.message.kind")}</dt>
            <dd>{t(`settings.kinds.${m.kind}`)}</dd>
            <dt>{t("work.message.category")}</dt>
            <dd>{name(d.category)}</dd>
            <dt>{t("work.message.channel")}</dt>
            <dd>{t(`settings.channels.${m.channel}`)}</dd>
            <dt>{t("work.message.priority")}</dt>
            <dd>{t(`work.priorities.${m.priority}`)}</dd>
            <dt>{t("work.message.unit")}</dt>
            <dd data-testid="message-unit">{m.unitId ? name(d.allUnits[m.unitId]) : "—"}</dd>
            <dt>{t("work.message.deadline")}</dt>
            <dd>{m.deadline ? formatDateTime(m.deadline, locale) : "—"}</dd>
            <dt>{t("work.message.created")}</dt>
            <dd>{formatDateTime(m.createdAt, locale)}</dd>
            <dt>{t("work.message.region")}</dt>
            <dd>{name(d.region)}</dd>
            <dt>{t("work.message.district")}</dt>
            <dd data-testid="message-district">{name(d.district)}</dd>
            <dt>{t("work.message.address")}</dt>
            <dd>{m.address ?? "—"}</dd>
            {m.mediaUrl && (
              <>
                <dt>{t("work.message.mediaUrl")}</dt>
                <dd dir="ltr" data-testid="media-url">
                  {/^https?:\/\//.test(m.mediaUrl) ? (
                    <a href={m.mediaUrl} target="_blank" rel="noopener noreferrer nofollow">
                      {m.mediaUrl}
                    </a>
                  ) : (
                    m.mediaUrl
                  )}
                </dd>
              </>
            )}
            <dt>{t("work.message.citizen")}</dt>
            <dd>
              {m.citizenName ?? "—"}
              {m.citizenEmail && (
                <>
                  {" · "}
                  <span dir="ltr">{m.citizenEmail}</span>
                </>
              )}
              {m.citizenMobile && (
                <>
                  {" · "}
                  <span dir="ltr">{formatDigits(m.citizenMobile, locale)}</span>
                </>
              )}
            </dd>
          </dl>
          {m.lat !== null && m.lon !== null && d.boundaries.length > 0 && (
            <BoundaryMap label={t("work.message.location")} features={d.boundaries as never} point={{ lat: m.lat, lon: m.lon }} />
          )}
        </div>
        <h2>{t("work.message.description")}</h2>
        <p className="description" data-testid="message-description">
          {m.description}
        </p>
        {answers.length > 0 && (
          <>
            <h2>{t("work.message.answers")}</h2>
            <dl className="facts" data-testid="message-answers">
              {answers.map(([code, value]) => (
                <div key={code}>
                  <dt>{label(code)}</dt>
                  <dd>{answer(code, value)}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </section>

      {m.supporters.length > 0 && (
        <section className="panel" data-testid="supporters">
          <h2>{t("work.message.supporters", { count: m.supporters.length, n: formatDigits(m.supporters.length, locale) })}</h2>
          <ul>
            {m.supporters.map((s) => (
              <li key={s.id}>
                {s.name ?? t("work.message.anonymous")}
                {s.mobile && (
                  <>
                    {" · "}
                    <span dir="ltr">{formatDigits(s.mobile, locale)}</span>
                  </>
                )}
                {" · "}
                {t(`settings.channels.${s.channel}`)} · {formatDateTime(s.createdAt, locale)}
                {s.mergedTrackingCode && (
                  <>
                    {" · "}
                    <Link to={`/${d.city}/messages/${s.mergedTrackingCode}`}>{t("work.message.mergedFrom", { code: readableCode(s.mergedTrackingCode, locale) })}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="panel" data-testid="message-actions">
        <h2>{t("work.message.actions")}</h2>
        {actions.length === 0 ? (
          <p className="muted">{t("work.message.noActions")}</p>
        ) : (
          <div className="action-forms">
            {actions.map((a) => (
              <Form method="post" key={a} className="action-form" data-testid={`action-${a}`}>
                <input type="hidden" name="step" value={a} />
                <h3>{t(`work.actions.${a}`)}</h3>
                {a === "refer" && (
                  <>
                    <label htmlFor={`unit-${a}`}>{t("work.message.unitTo")}</label>
                    <select id={`unit-${a}`} name="unitId" required defaultValue="">
                      <option value="">{t("work.intake.choose")}</option>
                      {d.units.map((u) => (
                        <option key={u.id} value={u.id}>
                          {name(u)}
                        </option>
                      ))}
                    </select>
                  </>
                )}
                {a === "mark_duplicate" && (
                  <>
                    <label htmlFor={`dup-${a}`}>{t("work.message.duplicateOf")}</label>
                    <input id={`dup-${a}`} name="duplicateOf" dir="ltr" inputMode="numeric" />
                  </>
                )}
                {a === "forward" && (
                  <>
                    <label htmlFor={`agency-${a}`}>{t("work.message.agency")}</label>
                    <input id={`agency-${a}`} name="externalAgency" />
                  </>
                )}
                {(a === "resolve" || a === "reject") && d.templates.length > 0 && (
                  <>
                    <label htmlFor={`template-${a}`}>{t("work.responses.pick")}</label>
                    <select
                      id={`template-${a}`}
                      defaultValue=""
                      data-testid={`template-${a}`}
                      onChange={(e) => {
                        const chosen = d.templates.find((x) => x.id === e.currentTarget.value);
                        const note = e.currentTarget.form?.elements.namedItem("note");
                        if (chosen && note instanceof HTMLTextAreaElement) note.value = chosen.body;
                      }}
                    >
                      <option value="">{t("work.responses.pickNone")}</option>
                      {d.templates.map((r) => (
                        <option key={r.id} value={r.id}>
                          {locale === "fa" ? r.titleFa : r.titleEn}
                        </option>
                      ))}
                    </select>
                  </>
                )}
                {(NEEDS_NOTE.includes(a) || a === "refer") && (
                  <>
                    <label htmlFor={`note-${a}`}>{a === "resolve" ? t("work.message.answerToCitizen") : t("work.message.note")}</label>
                    <textarea id={`note-${a}`} name="note" rows={a === "resolve" ? 4 : 2} />
                  </>
                )}
                {outcome && !outcome.ok && outcome.intent === a && (
                  <FieldError id={`${a}-error`} message={errors.note ?? errors.unitId ?? errors.duplicateOf ?? errors.externalAgency ?? errors.trackingCode} />
                )}
                <button type="submit" className={a === "reject" ? "secondary" : undefined}>
                  {t(`work.actions.${a}`)}
                </button>
              </Form>
            ))}
          </div>
        )}
      </section>

      <AttachmentList city={d.city} items={d.attachments as never} canUpload={actions.length > 0 || d.viewer.roles.some((r) => r === "operator" || r === "supervisor" || r === "city_admin")} />
      {outcome?.intent === "upload" && <FormFeedback outcome={outcome} success={t("work.message.uploaded")} />}

      <section className="panel">
        <h2>{t("work.message.timeline")}</h2>
        <ol className="timeline" data-testid="timeline">
          {m.timeline.map((e) => (
            <li key={e.id}>
              <time dateTime={String(e.at)}>{formatDateTime(e.at, locale)}</time>{" "}
              <strong>{t(`work.events.${e.type}`, { defaultValue: t("work.events.other") })}</strong>
              {e.toStatus && e.toStatus !== e.fromStatus && <span className="tag">{t(`work.states.${e.toStatus}`)}</span>}
              {e.unitId && d.allUnits[e.unitId] && <span className="muted"> → {name(d.allUnits[e.unitId])}</span>}
              {e.actorName && <span className="muted"> · {t("work.message.by", { name: e.actorName })}</span>}
              {e.type === "merged" && typeof (e.data as { from?: unknown } | null)?.from === "string" && (
                <Link to={`/${d.city}/messages/${(e.data as { from: string }).from}`}> {readableCode((e.data as { from: string }).from, locale)}</Link>
              )}
              {e.note && <p className="note">{e.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
