import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatDigits, formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import type { AttributeDef } from "../components/attribute-fields";
import { CategoryForm, type CategoryRow } from "../components/category-form";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { ToggleActiveForm } from "../components/toggle-active-form";
import { failureResponse } from "../lib/api.server";
import { attempt, numberOrNull, optional, questionsFrom, text } from "../lib/forms.server";
import { requireCityAdmin } from "../lib/require-admin.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  try {
    return { categories: await api.category.list.query() };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const f = await request.formData();
  const intent = text(f, "intent");
  if (intent === "toggle") return attempt(intent, () => api.category.setActive.mutate({ id: text(f, "id"), active: text(f, "active") === "true" }));
  if (intent === "import-check" || intent === "import-apply") {
    return attempt(intent, () =>
      api.category.import.mutate({ format: text(f, "format") === "json" ? "json" : "csv", text: String(f.get("text") ?? ""), dryRun: intent === "import-check" }),
    );
  }
  const fields = {
    code: text(f, "code"),
    parentId: optional(f, "parentId"),
    nameFa: text(f, "nameFa"),
    nameEn: text(f, "nameEn"),
    kinds: f.getAll("kinds").map(String) as never,
    priority: text(f, "priority") as "normal" | "urgent",
    slaMinutes: numberOrNull(f, "slaMinutes"),
    public: f.get("public") === "true",
    externalAgency: optional(f, "externalAgency"),
    descriptionFa: text(f, "descriptionFa"),
    descriptionEn: text(f, "descriptionEn"),
    icon: optional(f, "icon"),
    attributes: questionsFrom(f) as never,
  };
  return intent === "update"
    ? attempt(intent, () => api.category.update.mutate({ ...fields, id: text(f, "id") }))
    : attempt(intent, () => api.category.create.mutate(fields));
}

export default function CategoriesPage() {
  const { categories } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = useFieldErrors(outcome);
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const name = (c: { nameFa: string; nameEn: string }) => (locale === "fa" ? c.nameFa : c.nameEn);
  const rows = categories as unknown as Array<CategoryRow & { active: boolean; attributes: AttributeDef[] }>;
  const children = (id: string | null) => rows.filter((c) => c.parentId === id);
  const depthOf = (c: CategoryRow): number => (c.parentId ? 1 + depthOf(rows.find((r) => r.id === c.parentId)!) : 0);
  const ordered: typeof rows = [];
  const walk = (id: string | null) => children(id).forEach((c) => (ordered.push(c), walk(c.id)));
  walk(null);
  const editing = rows.find((c) => c.id === search.get("edit"));
  const importResult = outcome?.ok && outcome.intent.startsWith("import") ? (outcome.result as { applied: boolean; rows: number; problems: Array<{ row: number; field: string; messageKey: string }> }) : null;
  const formOutcome = outcome && !outcome.intent.startsWith("import") ? outcome : null;
  return (
    <>
      <section className="panel">
        <h1>{t("settings.categories.title")}</h1>
        <FormFeedback outcome={formOutcome} />
        <table className="data-table" data-testid="categories-table">
          <tbody>
            {ordered.map((c) => (
              <tr key={c.id} className={c.active ? undefined : "muted"}>
                <td style={{ paddingInlineStart: `${0.6 + depthOf(c) * 1.5}rem` }}>
                  <strong>{name(c)}</strong> <span className="muted" dir="ltr">{c.code}</span>
                </td>
                <td>
                  {c.kinds.map((k) => (
                    <span key={k} className="tag">
                      {t(`settings.kinds.${k}`)}
                    </span>
                  ))}
                  {c.priority === "urgent" && <span className="tag warn">{t("settings.categories.priorities.urgent")}</span>}
                  {!c.public && <span className="tag">{t("settings.categories.private")}</span>}
                  {!c.active && <span className="tag warn">{t("settings.categories.disabled")}</span>}
                  {c.attributes.length > 0 && <span className="tag">{t("settings.categories.questions", { n: formatNumber(c.attributes.length, locale) })}</span>}
                </td>
                <td>{c.slaMinutes ? formatDigits(c.slaMinutes, locale) : "—"}</td>
                <td className="inline-form">
                  <Link to={`?edit=${c.id}#category-form`}>{t("settings.categories.edit")}</Link>
                  <ToggleActiveForm id={c.id} active={c.active} onLabel={t("settings.categories.enable")} offLabel={t("settings.categories.disable")} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" id="category-form">
        <h2>{editing ? `${t("settings.categories.edit")}: ${name(editing)}` : t("settings.categories.add")}</h2>
        <CategoryForm all={ordered} editing={editing} errors={errors} label={(c) => `${"— ".repeat(depthOf(c))}${name(c)}`} />
      </section>
      <section className="panel">
        <h2>{t("settings.categories.importTitle")}</h2>
        <p className="inline-form">
          <a href="categories/export?format=csv" download>
            {t("settings.categories.exportCsv")}
          </a>
          <a href="categories/export?format=json" download>
            {t("settings.categories.exportJson")}
          </a>
        </p>
        {outcome && !outcome.ok && outcome.intent.startsWith("import") && <FormFeedback outcome={outcome} />}
        {importResult && (
          <div data-testid="category-import-report">
            {importResult.problems.length === 0 ? (
              <p className="notice">{importResult.applied ? t("settings.categories.imported", { n: formatNumber(importResult.rows, locale) }) : t("settings.categories.checked", { n: formatNumber(importResult.rows, locale) })}</p>
            ) : (
              <ul className="form-error">
                {importResult.problems.map((p) => (
                  <li key={`${p.row}-${p.field}`}>
                    {t("settings.categories.line", { row: formatNumber(p.row, locale) })}: {t(p.messageKey, { field: p.field })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <Form method="post">
          <label htmlFor="import-format">{t("settings.categories.format")}</label>
          <select id="import-format" name="format" defaultValue="csv">
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
          <label htmlFor="import-text">{t("settings.categories.importText")}</label>
          <textarea id="import-text" name="text" rows={6} dir="ltr" />
          <p className="inline-form">
            <button type="submit" name="intent" value="import-check" className="secondary">
              {t("settings.categories.importCheck")}
            </button>
            <button type="submit" name="intent" value="import-apply">
              {t("settings.categories.importApply")}
            </button>
          </p>
        </Form>
      </section>
    </>
  );
}
