import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { REQUEST_STATES } from "@city137/core/lifecycle";
import { formatDateTime, formatDigits, resolveFieldErrors, resolveMessage, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { apiFailure, failureResponse, type ApiFailure } from "../lib/api.server";
import { categoryPaths, deadlineState, readableCode } from "../lib/format";
import { attempt, text } from "../lib/forms.server";
import { requireCityUser } from "../lib/session.server";
import { jalaliParam } from "../lib/work.server";

const QUEUES = ["mine", "hq", "all", "breaches", "due_soon"] as const;
type Queue = (typeof QUEUES)[number];
const PAGE = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, me } = await requireCityUser(request, params.city!);
  const url = new URL(request.url);
  const q = url.searchParams;
  const unitStaffOnly = me.user.roles.every((r) => r === "unit_staff");
  const queue = (QUEUES as readonly string[]).includes(q.get("queue") ?? "") ? (q.get("queue") as Queue) : unitStaffOnly ? "mine" : "all";
  const page = Math.max(0, Number(q.get("page") ?? 0) || 0);
  const status = q.get("status") ?? "";
  const filter = {
    queue,
    q: q.get("q") || undefined,
    trackingCode: q.get("code")?.trim() || undefined,
    mobile: q.get("mobile")?.trim() || undefined,
    statuses: status && status !== "any" ? [status as never] : undefined,
    openOnly: !status,
    categoryId: q.get("category") || undefined,
    districtId: q.get("district") || undefined,
    unitId: q.get("unit") || undefined,
    from: jalaliParam(q.get("from")),
    to: jalaliParam(q.get("to")),
    limit: PAGE + 1,
    offset: page * PAGE,
  };
  try {
    const [categories, units, areas, shifts, saved] = await Promise.all([
      api.category.list.query(),
      api.unit.list.query(),
      api.area.list.query(),
      api.request.shiftCounts.query(),
      api.savedFilter.list.query(),
    ]);
    let rows: Awaited<ReturnType<typeof api.request.list.query>> = [];
    let failure: ApiFailure | null = null;
    try {
      rows = await api.request.list.query(filter);
    } catch (err) {
      failure = apiFailure(err);
      if (failure.code !== "BAD_REQUEST") throw err;
    }
    return {
      queue,
      page,
      rows: rows.slice(0, PAGE),
      hasMore: rows.length > PAGE,
      failure,
      shifts,
      canRefer: me.user.roles.some((r) => ["operator", "supervisor", "city_admin"].includes(r)),
      canShare: me.user.roles.some((r) => ["supervisor", "city_admin"].includes(r)),
      saved: saved.map((f) => ({ id: f.id, name: f.name, query: f.query, shared: f.shared, mine: f.mine })),
      categories: categories.map((c) => ({ id: c.id, parentId: c.parentId, nameFa: c.nameFa, nameEn: c.nameEn })),
      units: units.map((u) => ({ id: u.id, nameFa: u.nameFa, nameEn: u.nameEn, active: u.active })),
      districts: areas.filter((a) => a.level === "district").map((a) => ({ id: a.id, nameFa: a.nameFa, nameEn: a.nameEn })),
      now: new Date().toISOString(),
    };
  } catch (err) {
    throw failureResponse(err);
  }
}

/** Saved searches, and bulk referral: each selected message is referred on its own; failures are listed, successes stand. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "saveFilter" || intent === "removeFilter") {
    const filter = await attempt(intent, () =>
      intent === "removeFilter"
        ? api.savedFilter.remove.mutate({ id: text(form, "id") })
        : api.savedFilter.save.mutate({ name: text(form, "name"), query: Object.fromEntries(new URLSearchParams(text(form, "query"))), shared: form.get("shared") === "on" }),
    );
    return { done: 0, failed: [] as Array<{ id: string; failure: ApiFailure }>, filter };
  }
  const unitId = String(form.get("unitId") ?? "");
  const ids = form.getAll("ids").map(String).slice(0, 200);
  const failed: Array<{ id: string; failure: ApiFailure }> = [];
  let done = 0;
  for (const id of ids) {
    try {
      await api.request.transition.mutate({ id, action: "refer", unitId });
      done += 1;
    } catch (err) {
      failed.push({ id, failure: apiFailure(err) });
    }
  }
  return { done, failed, filter: null };
}

export default function QueuePage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { city } = useParams();
  const name = (x: { nameFa: string; nameEn: string } | undefined) => (x ? (locale === "fa" ? x.nameFa : x.nameEn) : "—");
  const paths = categoryPaths(d.categories, locale);
  const units = new Map(d.units.map((u) => [u.id, u]));
  const now = new Date(d.now);
  const errors = d.failure ? resolveFieldErrors(t, d.failure, locale) : {};
  const withParams = (over: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(over)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next}`;
  };
  const rowsById = new Map(d.rows.map((r) => [r.id, r]));
  return (
    <div className="queue-page">
      <section className="panel">
        <h1>{t("work.queue.title")}</h1>
        <nav className="tabs" aria-label={t("work.queue.title")}>
          {QUEUES.map((q) => (
            <Link key={q} to={withParams({ queue: q, page: null })} aria-current={d.queue === q ? "page" : undefined} data-testid={`tab-${q}`}>
              {t(`work.queue.tabs.${q}`)}
            </Link>
          ))}
        </nav>
        <p className="muted" data-testid="shift-counts">
          {t("work.queue.shifts")}:{" "}
          {(["morning", "noon", "night"] as const).map((s, i) => (
            <span key={s}>
              {i > 0 && " · "}
              {t(`settings.shifts.${s}`)} {formatDigits(d.shifts[s], locale)}
            </span>
          ))}
        </p>
        {/* Keyed by the search: fields show a saved search opened by a link (defaultValue applies on mount only). */}
        <Form method="get" className="filters" data-testid="queue-filters" key={search.toString()}>
          <input type="hidden" name="queue" value={d.queue} />
          <div className="form-grid">
            <div>
              <label htmlFor="f-q">{t("work.queue.q")}</label>
              <input id="f-q" name="q" defaultValue={search.get("q") ?? ""} type="search" />
            </div>
            <div>
              <label htmlFor="f-code">{t("work.queue.trackingCode")}</label>
              <input id="f-code" name="code" dir="ltr" inputMode="numeric" defaultValue={search.get("code") ?? ""} aria-invalid={errors.trackingCode ? true : undefined} />
            </div>
            <div>
              <label htmlFor="f-mobile">{t("work.queue.mobile")}</label>
              <input id="f-mobile" name="mobile" dir="ltr" inputMode="tel" defaultValue={search.get("mobile") ?? ""} aria-invalid={errors.mobile ? true : undefined} />
            </div>
            <div>
              <label htmlFor="f-status">{t("work.queue.status")}</label>
              <select id="f-status" name="status" defaultValue={search.get("status") ?? ""}>
                <option value="">{t("work.queue.openOnly")}</option>
                <option value="any">{t("work.queue.anyStatus")}</option>
                {REQUEST_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`work.states.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="f-category">{t("work.queue.category")}</label>
              <select id="f-category" name="category" defaultValue={search.get("category") ?? ""}>
                <option value="">{t("work.queue.anyCategory")}</option>
                {d.categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {paths.get(c.id)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="f-district">{t("work.queue.district")}</label>
              <select id="f-district" name="district" defaultValue={search.get("district") ?? ""}>
                <option value="">{t("work.queue.anyDistrict")}</option>
                {d.districts.map((x) => (
                  <option key={x.id} value={x.id}>
                    {name(x)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="f-from">{t("work.queue.from")}</label>
              <input id="f-from" name="from" dir="ltr" placeholder={t("work.queue.datePlaceholder")} defaultValue={search.get("from") ?? ""} aria-invalid={errors.from ? true : undefined} />
            </div>
            <div>
              <label htmlFor="f-to">{t("work.queue.to")}</label>
              <input id="f-to" name="to" dir="ltr" placeholder={t("work.queue.datePlaceholder")} defaultValue={search.get("to") ?? ""} aria-invalid={errors.to ? true : undefined} />
            </div>
          </div>
          <p className="actions-row">
            <button type="submit" data-testid="search-submit">
              {t("work.queue.apply")}
            </button>
            <Link to={`?queue=${d.queue}`}>{t("work.queue.clear")}</Link>
          </p>
          {d.failure && (
            <div className="form-error" role="alert" data-testid="search-error">
              {Object.values(errors).length ? Object.values(errors).join(" ") : resolveMessage(t, d.failure.messageKey, { locale })}
            </div>
          )}
        </Form>
        <SavedSearches saved={d.saved} canShare={d.canShare} outcome={result?.filter ?? null} />
      </section>

      <section className="panel">
        {result && result.done > 0 && (
          <p className="notice" role="status" data-testid="bulk-done">
            {t("work.queue.bulkDone", { n: formatDigits(result.done, locale) })}
          </p>
        )}
        {result && result.failed.length > 0 && (
          <div className="form-error" role="alert">
            <p>{t("work.queue.bulkFailed", { n: formatDigits(result.failed.length, locale) })}</p>
            <ul>
              {result.failed.map((f) => (
                <li key={f.id}>
                  {rowsById.get(f.id) ? readableCode(rowsById.get(f.id)!.trackingCode, locale) : ""} {resolveMessage(t, f.failure.messageKey, { locale })}
                </li>
              ))}
            </ul>
          </div>
        )}
        {d.rows.length === 0 ? (
          <p className="muted" data-testid="queue-empty">
            {t("work.queue.empty")}
          </p>
        ) : (
          <Form method="post">
            <table className="data-table queue" data-testid="queue-table">
              <thead>
                <tr>
                  {d.canRefer && (
                    <th>
                      <span className="visually-hidden">{t("work.queue.selectAll")}</span>
                    </th>
                  )}
                  <th>{t("work.queue.code")}</th>
                  <th>{t("work.queue.kind")}</th>
                  <th>{t("work.queue.category")}</th>
                  <th>{t("work.queue.unit")}</th>
                  <th>{t("work.queue.status")}</th>
                  <th>{t("work.queue.deadline")}</th>
                  <th>{t("work.queue.summary")}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => {
                  const due = ["resolved", "closed", "rejected", "duplicate", "forwarded"].includes(r.status) ? null : deadlineState(r.deadline, now);
                  return (
                    <tr key={r.id} className={due ?? undefined} data-testid="queue-row">
                      {d.canRefer && (
                        <td>
                          <input type="checkbox" name="ids" value={r.id} aria-label={t("work.queue.select", { code: r.trackingCode })} />
                        </td>
                      )}
                      <td dir="ltr" className="code">
                        <Link to={`/${city}/messages/${r.trackingCode}`}>{readableCode(r.trackingCode, locale)}</Link>
                      </td>
                      <td>{t(`settings.kinds.${r.kind}`)}</td>
                      <td>{paths.get(r.categoryId)}</td>
                      <td>{r.unitId ? name(units.get(r.unitId)) : "—"}</td>
                      <td>{t(`work.states.${r.status}`)}</td>
                      <td>
                        {r.deadline ? formatDateTime(r.deadline, locale) : "—"}
                        {due === "overdue" && <span className="tag warn">{t("work.queue.overdue")}</span>}
                        {due === "soon" && <span className="tag soon">{t("work.queue.dueSoon")}</span>}
                      </td>
                      <td className="summary">{r.description.slice(0, 90)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {d.canRefer && (
              <p className="inline-form bulk">
                <label htmlFor="bulk-unit">{t("work.queue.bulkRefer")}</label>
                <select id="bulk-unit" name="unitId" required defaultValue="">
                  <option value="">{t("work.intake.choose")}</option>
                  {d.units
                    .filter((u) => u.active)
                    .map((u) => (
                      <option key={u.id} value={u.id}>
                        {name(u)}
                      </option>
                    ))}
                </select>
                <button type="submit" className="small" data-testid="bulk-submit">
                  {t("work.queue.bulkSubmit")}
                </button>
              </p>
            )}
          </Form>
        )}
        <p className="actions-row">
          {d.page > 0 && <Link to={withParams({ page: String(d.page - 1) })}>{t("work.queue.prev")}</Link>}
          {d.hasMore && <Link to={withParams({ page: String(d.page + 1) })}>{t("work.queue.more")}</Link>}
        </p>
      </section>
    </div>
  );
}

/** The member's named searches (and those a supervisor shared), and a form to keep the current one. */
function SavedSearches({ saved, canShare, outcome }: { saved: Array<{ id: string; name: string; query: Record<string, string>; shared: boolean; mine: boolean }>; canShare: boolean; outcome: Parameters<typeof FormFeedback>[0]["outcome"] }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const current = new URLSearchParams(search);
  current.delete("page");
  const errors = useFieldErrors(outcome);
  return (
    <div className="saved-searches" data-testid="saved-searches">
      <h2>{t("work.queue.saved")}</h2>
      {saved.length === 0 ? (
        <p className="muted">{t("work.queue.noSaved")}</p>
      ) : (
        <ul className="inline-list">
          {saved.map((f) => (
            <li key={f.id}>
              <Link to={`?${new URLSearchParams(f.query)}`} data-testid="saved-search">
                {f.name}
              </Link>
              {f.shared && <span className="tag">{t("work.queue.sharedTag")}</span>}
              {f.mine && (
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="removeFilter" />
                  <input type="hidden" name="id" value={f.id} />
                  <button type="submit" className="link small" aria-label={t("work.queue.removeSaved", { name: f.name })}>
                    ×
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="inline-form" data-testid="save-search">
        <input type="hidden" name="intent" value="saveFilter" />
        <input type="hidden" name="query" value={current.toString()} />
        <label htmlFor="saved-name">{t("work.queue.saveAs")}</label>
        <input id="saved-name" name="name" aria-invalid={errors.name ? true : undefined} aria-describedby="saved-name-error" />
        {canShare && (
          <label className="checkbox">
            <input type="checkbox" name="shared" /> {t("work.queue.shareIt")}
          </label>
        )}
        <button type="submit" className="secondary small">
          {t("work.queue.save")}
        </button>
      </Form>
      <FieldError id="saved-name-error" message={errors.name ?? errors.shared ?? errors.query} />
      {outcome?.ok && <FormFeedback outcome={outcome} success={t("work.queue.savedDone")} />}
    </div>
  );
}
