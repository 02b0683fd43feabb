import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateTime, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FormFeedback } from "../components/form-feedback";
import { RoutingRuleForm } from "../components/routing-rule-form";
import { RoutingReplay, type Replay } from "../components/routing-replay";
import { RoutingSimulator, type Simulation } from "../components/routing-simulator";
import { RuleSummary } from "../components/rule-summary";
import { failureResponse } from "../lib/api.server";
import { attempt, numberOrNull, text } from "../lib/forms.server";
import { requireCityAdmin } from "../lib/require-admin.server";
import { editRouting } from "../lib/routing-edit.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  try {
    const [routing, categories, units, areas] = await Promise.all([api.routing.get.query(), api.category.list.query(), api.unit.list.query(), api.area.list.query()]);
    return { routing, categories, units: units.filter((u) => u.active), regions: areas.filter((a) => a.level === "region") };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const f = await request.formData();
  const intent = text(f, "intent");
  if (intent === "publish") return attempt(intent, () => api.routing.publish.mutate());
  if (intent === "restore") return attempt(intent, () => api.routing.restore.mutate({ versionId: text(f, "versionId") }));
  if (intent === "replay") return attempt(intent, () => api.routing.replay.query({ limit: numberOrNull(f, "limit") ?? 1000 }));
  if (intent === "simulate") {
    const at = text(f, "at");
    return attempt(intent, () =>
      api.routing.simulate.query({
        version: f.get("useDraft") === "true" ? "draft" : "published",
        categoryId: text(f, "categoryId"),
        kind: text(f, "kind") as never,
        channel: text(f, "channel") as never,
        lat: numberOrNull(f, "lat"),
        lon: numberOrNull(f, "lon"),
        // the form's local time is Tehran time
        at: at ? `${at.length === 16 ? `${at}:00` : at}+03:30` : undefined,
        text: text(f, "text"),
      }),
    );
  }
  return attempt(intent, () => editRouting(api, f));
}

export default function RoutingPage() {
  const { routing, categories, units, regions } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const name = (x: { nameFa: string; nameEn: string }) => (locale === "fa" ? x.nameFa : x.nameEn);
  const names = new Map<string, string>([...categories, ...units, ...regions].map((x) => [x.id, name(x)]));
  const working = routing.draft ?? routing.published;
  const rules = working?.tree.rules ?? [];
  const depth = (id: string | null): number => (id ? 1 + depth(categories.find((c) => c.id === id)?.parentId ?? null) : 0);
  const catOptions = categories.map((c) => ({ id: c.id, label: `${"— ".repeat(depth(c.parentId))}${name(c)}` }));
  const simulation = outcome?.ok && outcome.intent === "simulate" ? (outcome.result as Simulation) : undefined;
  const published = outcome?.ok && outcome.intent === "publish" ? (outcome.result as { number: number }) : null;
  return (
    <>
      <section className="panel">
        <h1>{t("settings.routing.title")}</h1>
        <p>
          {routing.published && <span className="tag">{t("settings.routing.published", { n: formatDigits(routing.published.number, locale) })}</span>}
          {routing.draft ? <span className="tag warn">{t("settings.routing.draft", { n: formatDigits(routing.draft.number, locale) })}</span> : <span className="muted">{t("settings.routing.noDraft")}</span>}
        </p>
        {outcome && outcome.intent !== "simulate" && outcome.intent !== "replay" && <FormFeedback outcome={outcome} success={published ? t("settings.routing.publishedOk", { n: formatDigits(published.number, locale) }) : undefined} />}
        {routing.draft && (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" data-testid="routing-publish">
              {t("settings.routing.publish")}
            </button>
          </Form>
        )}
        <table className="data-table" data-testid="rules-table">
          <thead>
            <tr>
              <th>{t("settings.routing.order")}</th>
              <th>{t("settings.routing.name")}</th>
              <th>{t("settings.routing.when")}</th>
              <th>{t("settings.routing.then")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.map((r, i) => (
              <tr key={r.id}>
                <td>{formatDigits(i + 1, locale)}</td>
                <td>{r.name}</td>
                <RuleSummary rule={r as never} names={names} />
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="index" value={i} />
                    <button type="submit" name="intent" value="up" className="small secondary" disabled={i === 0} aria-label={t("settings.routing.up")}>
                      ↑
                    </button>
                    <button type="submit" name="intent" value="down" className="small secondary" disabled={i === rules.length - 1} aria-label={t("settings.routing.down")}>
                      ↓
                    </button>
                    <button type="submit" name="intent" value="remove" className="small secondary">
                      {t("settings.routing.remove")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
            {working && (
              <tr>
                <td />
                <td>{t("settings.routing.fallback")}</td>
                <RuleSummary rule={{ when: {}, then: working.tree.fallback } as never} names={names} />
                <td />
              </tr>
            )}
          </tbody>
        </table>
      </section>
      <RoutingRuleForm categories={catOptions} units={units.map((u) => ({ id: u.id, label: name(u) }))} regions={regions.map((r) => ({ id: r.id, label: name(r) }))} count={rules.length} />
      <RoutingSimulator categories={catOptions} result={simulation} names={names} hasDraft={!!routing.draft} />
      {routing.draft && routing.published && <RoutingReplay result={outcome?.ok && outcome.intent === "replay" ? (outcome.result as Replay) : undefined} names={names} />}
      {outcome?.intent === "replay" && !outcome.ok && <FormFeedback outcome={outcome} />}
      {outcome?.intent === "simulate" && !outcome.ok && <FormFeedback outcome={outcome} />}
      <section className="panel">
        <h2>{t("settings.routing.versions")}</h2>
        <table className="data-table" data-testid="versions-table">
          <tbody>
            {routing.versions.map((v) => (
              <tr key={v.id}>
                <td>{formatDigits(v.number, locale)}</td>
                <td>{t(`settings.routing.statuses.${v.status}`)}</td>
                <td>{formatDateTime(v.publishedAt ?? v.createdAt, locale)}</td>
                <td>{v.note}</td>
                <td>
                  {v.status === "archived" && (
                    <Form method="post">
                      <input type="hidden" name="intent" value="restore" />
                      <input type="hidden" name="versionId" value={v.id} />
                      <button type="submit" className="small secondary">
                        {t("settings.routing.restore")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
