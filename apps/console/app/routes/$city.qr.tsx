import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { formatDateTime, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { attempt, numberOrNull, optional, text } from "../lib/forms.server";
import { requireSmsStaff } from "../portal/staff.server";

const PLACE_KINDS = ["place", "vehicle", "line", "kiosk", "office"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireSmsStaff(request, params.city!);
  try {
    const [codes, units, categories] = await Promise.all([api.qr.list.query(), api.unit.list.query(), api.category.list.query()]);
    return {
      codes,
      units: units.filter((u) => u.active).map((u) => ({ id: u.id, nameFa: u.nameFa, nameEn: u.nameEn })),
      categories: categories.filter((c) => c.active && c.public).map((c) => ({ id: c.id, nameFa: c.nameFa, nameEn: c.nameEn })),
    };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireSmsStaff(request, params.city!);
  const f = await request.formData();
  const intent = text(f, "intent");
  if (intent === "revoke") return attempt(intent, () => api.qr.revoke.mutate({ id: text(f, "id") }));
  return attempt("create", () =>
    api.qr.create.mutate({
      label: text(f, "label"),
      placeKind: text(f, "placeKind") as never,
      lat: numberOrNull(f, "lat"),
      lon: numberOrNull(f, "lon"),
      unitId: optional(f, "unitId"),
      categoryIds: f.getAll("categoryIds").map(String).filter(Boolean),
      count: numberOrNull(f, "count") ?? 1,
      firstNumber: numberOrNull(f, "firstNumber"),
    }),
  );
}

/** QR codes of places, vehicles, lines, kiosks and offices, with their scans and messages. */
export default function QrPage() {
  const { codes, units, categories } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = useFieldErrors(outcome);
  const { city } = useParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const fa = locale === "fa";
  const made = outcome?.ok && outcome.intent === "create" && Array.isArray(outcome.result) ? outcome.result : null;
  return (
    <>
      <section className="panel">
        <h1>{t("portal.qr.title")}</h1>
        <p className="help">{t("portal.qr.help")}</p>
        {made && (
          <p className="notice" role="status" data-testid="qr-made">
            {t("portal.qr.made", { n: formatDigits(made.length, locale) })}{" "}
            <Link to={`/${city}/qr/print?ids=${made.map((m) => m.id).join(",")}`}>{t("portal.qr.print")}</Link>
          </p>
        )}
        {outcome && !outcome.ok && <FormFeedback outcome={outcome} />}
        <p>
          <Link to={`/${city}/qr/print`} data-testid="qr-print-all">
            {t("portal.qr.printAll")}
          </Link>
        </p>
        {codes.length === 0 ? (
          <p>{t("portal.qr.empty")}</p>
        ) : (
          <table className="data-table" data-testid="qr-table">
            <thead>
              <tr>
                <th>{t("portal.qr.label")}</th>
                <th>{t("portal.qr.placeKind")}</th>
                <th>{t("portal.qr.code")}</th>
                <th>{t("portal.qr.scans")}</th>
                <th>{t("portal.qr.messages")}</th>
                <th>{t("portal.qr.status")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {codes.map((q) => (
                <tr key={q.id} data-code={q.code} className={q.revokedAt ? "muted" : undefined}>
                  <td>{q.label}</td>
                  <td>{t(`portal.qr.placeKinds.${q.placeKind}`)}</td>
                  <td dir="ltr">
                    <a href={`/p/${city}/q/${q.code}`}>{q.code}</a>
                  </td>
                  <td data-testid="qr-scans">{formatDigits(q.scans, locale)}</td>
                  <td data-testid="qr-messages">{formatDigits(q.messages, locale)}</td>
                  <td>{q.revokedAt ? `${t("portal.qr.revoked")} · ${formatDateTime(q.revokedAt, locale)}` : t("portal.qr.active")}</td>
                  <td>
                    {!q.revokedAt && (
                      <>
                        <Link to={`/${city}/qr/print?ids=${q.id}`}>{t("portal.qr.print")}</Link>{" "}
                        <Form
                          method="post"
                          style={{ display: "inline" }}
                          onSubmit={(e) => {
                            if (!window.confirm(t("portal.qr.revokeConfirm"))) e.preventDefault();
                          }}
                        >
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="id" value={q.id} />
                          <button type="submit" className="small secondary" data-testid={`qr-revoke-${q.code}`}>
                            {t("portal.qr.revoke")}
                          </button>
                        </Form>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>{t("portal.qr.create")}</h2>
        <Form method="post" className="form-grid" data-testid="qr-form">
          <input type="hidden" name="intent" value="create" />
          <div className="wide">
            <label htmlFor="qr-label">{t("portal.qr.label")}</label>
            <input id="qr-label" name="label" maxLength={120} aria-invalid={!!errors.label} data-testid="qr-label" />
            <FieldError id="qr-label-error" message={errors.label} />
          </div>
          <div>
            <label htmlFor="qr-kind">{t("portal.qr.placeKind")}</label>
            <select id="qr-kind" name="placeKind" data-testid="qr-kind">
              {PLACE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`portal.qr.placeKinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="qr-unit">{t("portal.qr.unit")}</label>
            <select id="qr-unit" name="unitId" defaultValue="">
              <option value="">{t("portal.qr.none")}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {fa ? u.nameFa : u.nameEn}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="qr-lat">{t("portal.qr.lat")}</label>
            <input id="qr-lat" name="lat" dir="ltr" inputMode="decimal" data-testid="qr-lat" />
            <FieldError id="qr-lat-error" message={errors.lat} />
          </div>
          <div>
            <label htmlFor="qr-lon">{t("portal.qr.lon")}</label>
            <input id="qr-lon" name="lon" dir="ltr" inputMode="decimal" data-testid="qr-lon" />
            <FieldError id="qr-lon-error" message={errors.lon} />
          </div>
          <div className="wide">
            <label htmlFor="qr-categories">{t("portal.qr.categories")}</label>
            <select id="qr-categories" name="categoryIds" multiple size={6} data-testid="qr-categories">
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {fa ? c.nameFa : c.nameEn}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="qr-count">{t("portal.qr.count")}</label>
            <input id="qr-count" name="count" inputMode="numeric" dir="ltr" defaultValue="1" />
            <FieldError id="qr-count-error" message={errors.count} />
          </div>
          <div>
            <label htmlFor="qr-first">{t("portal.qr.firstNumber")}</label>
            <input id="qr-first" name="firstNumber" inputMode="numeric" dir="ltr" />
          </div>
          <div className="wide">
            <button type="submit" data-testid="qr-create">
              {t("portal.qr.create")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
