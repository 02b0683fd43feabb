import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useParams, useSubmit } from "@remix-run/react";
import { CHANNELS, MESSAGE_KINDS } from "@city137/core/vocabulary";
import { formatDateTime, formatDigits, resolveFieldErrors, type Locale } from "@city137/i18n";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { AttributeFields, type AttributeDef } from "../components/attribute-fields";
import { BoundaryMap } from "../components/boundary-map";
import { CategoryPicker } from "../components/category-picker";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { categoryPaths, readableCode } from "../lib/format";
import { attempt } from "../lib/forms.server";
import { requireCityUser } from "../lib/session.server";
import { intakeInput, supportInput } from "../lib/work.server";
import type { loader as lookupLoader } from "./$city.intake.lookup";

const INTAKE_ROLES = ["operator", "supervisor", "city_admin"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, me } = await requireCityUser(request, params.city!);
  if (!me.user.roles.some((r) => INTAKE_ROLES.includes(r))) throw Response.json({ code: "FORBIDDEN", messageKey: "errors.forbidden" }, { status: 403 });
  const search = new URL(request.url).searchParams;
  const registered = search.get("registered");
  try {
    const [categories, units, areas, boundaries, done] = await Promise.all([
      api.category.list.query(),
      api.unit.list.query(),
      api.area.list.query(),
      api.area.exportBoundaries.query(),
      registered ? api.request.get.query({ trackingCode: registered }) : Promise.resolve(null),
    ]);
    return {
      // A new key for every form shown: a double submit or a retry of this form registers once.
      idempotencyKey: randomUUID(),
      categories: categories
        .filter((c) => c.active)
        .map((c) => ({ id: c.id, parentId: c.parentId, nameFa: c.nameFa, nameEn: c.nameEn, kinds: c.kinds, attributes: c.attributes as AttributeDef[] })),
      units: units.map((u) => ({ id: u.id, nameFa: u.nameFa, nameEn: u.nameEn })),
      // "ناحیهٔ ۱ · منطقهٔ ۳": district names repeat across regions.
      districts: areas
        .filter((a) => a.level === "district")
        .map((a) => {
          const region = areas.find((r) => r.id === a.parentId);
          return { id: a.id, code: a.code, nameFa: region ? `${a.nameFa} · ${region.nameFa}` : a.nameFa, nameEn: region ? `${a.nameEn} · ${region.nameEn}` : a.nameEn };
        }),
      boundaries: boundaries.features,
      done: done && { trackingCode: done.trackingCode, unitId: done.unitId, deadline: done.deadline, id: done.id, joined: search.get("joined") === "1" },
    };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const form = await request.formData();
  const attachTo = form.get("attachTo");
  if (typeof attachTo === "string" && attachTo) {
    // «من هم»: the caller joins an open message nearby instead of registering a second one.
    const joined = await attempt("support", () => api.request.support.mutate(supportInput(form, attachTo)));
    if (joined.ok) return redirect(`/${params.city}/intake?registered=${joined.result.trackingCode}&joined=1`);
    return joined;
  }
  const categories = await api.category.list.query();
  const outcome = await attempt("create", () => api.request.create.mutate(intakeInput(form, categories)));
  if (outcome.ok) return redirect(`/${params.city}/intake?registered=${outcome.result.trackingCode}`);
  return outcome;
}

type Lookup = Awaited<ReturnType<typeof lookupLoader>>;

export default function IntakePage() {
  const data = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { city } = useParams();
  const errors = useFieldErrors(outcome);
  const name = (x: { nameFa: string; nameEn: string }) => (locale === "fa" ? x.nameFa : x.nameEn);
  const paths = useMemo(() => categoryPaths(data.categories, locale), [data.categories, locale]);
  const [kind, setKind] = useState<string>("complaint");
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [point, setPoint] = useState<{ lat: string; lon: string }>({ lat: "", lon: "" });
  const history = useFetcher<Lookup>();
  const place = useFetcher<Lookup>();
  const [mobile, setMobile] = useState("");

  const pickable = data.categories
    .filter((c) => c.kinds.includes(kind as never))
    .map((c) => ({ id: c.id, label: paths.get(c.id) ?? name(c) }));
  const category = data.categories.find((c) => c.id === categoryId);
  const lat = Number(point.lat.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))));
  const lon = Number(point.lon.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))));
  const hasPoint = point.lat !== "" && point.lon !== "" && Number.isFinite(lat) && Number.isFinite(lon);

  useEffect(() => {
    if (!hasPoint) return;
    const q = new URLSearchParams({ lat: String(lat), lon: String(lon), ...(categoryId ? { categoryId } : {}) });
    place.load(`/${city}/intake/lookup?${q}`);
  }, [hasPoint, lat, lon, categoryId, city]);

  if (data.done) {
    const unit = data.units.find((u) => u.id === data.done!.unitId);
    return (
      <section className="panel intake-done" data-testid="intake-done">
        <h1>{data.done.joined ? t("work.intake.joined") : t("work.intake.done")}</h1>
        {data.done.joined && <p data-testid="joined">{t("work.intake.joinedHelp")}</p>}
        <p>{t("work.intake.readBack")}</p>
        <p className="tracking-code" data-testid="tracking-code" dir="ltr">
          {readableCode(data.done.trackingCode, locale)}
        </p>
        {unit && <p data-testid="routed-to">{t("work.intake.routedTo", { unit: name(unit) })}</p>}
        {data.done.deadline && <p>{t("work.intake.deadline", { at: formatDateTime(data.done.deadline, locale) })}</p>}
        <p className="actions-row">
          <Link to={`/${city}/intake`} className="button" autoFocus data-testid="next-call">
            {t("work.intake.next")}
          </Link>
          <Link to={`/${city}/messages/${data.done.trackingCode}`}>{t("work.intake.open")}</Link>
        </p>
      </section>
    );
  }

  const placeData = place.data?.kind === "place" ? place.data : null;
  const district = placeData?.place ? data.districts.find((d) => d.id === placeData.place!.districtId) : null;
  const historyData = history.data?.kind === "history" ? history.data.history : null;
  const lookupError = history.data?.kind === "failure" ? Object.values(resolveFieldErrors(t, history.data.failure, locale))[0] : undefined;

  return (
    <section className="panel">
      <h1>{t("work.intake.title")}</h1>
      <FormFeedback outcome={outcome} />
      <Form method="post" className="intake" data-testid="intake-form" noValidate>
        <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
        <fieldset className="intake-caller">
          <legend>{t("work.intake.caller")}</legend>
          <label htmlFor="mobile">{t("work.intake.mobile")}</label>
          <div className="inline-form">
            <input
              id="mobile"
              name="mobile"
              dir="ltr"
              inputMode="tel"
              autoFocus
              value={mobile}
              onChange={(e) => setMobile(e.target.value)}
              aria-invalid={errors["citizen.mobile"] ? true : undefined}
              aria-describedby="mobile-error"
            />
            <button type="button" className="secondary small" disabled={!mobile.trim()} onClick={() => history.load(`/${city}/intake/lookup?mobile=${encodeURIComponent(mobile)}`)} data-testid="lookup-caller">
              {t("work.intake.lookup")}
            </button>
          </div>
          <FieldError id="mobile-error" message={errors["citizen.mobile"] ?? lookupError} />
          {historyData && (
            <div className="caller-history" data-testid="caller-history">
              <h2>{t("work.intake.history")}</h2>
              {historyData.length === 0 ? (
                <p className="muted">{t("work.intake.noHistory")}</p>
              ) : (
                <ul>
                  {historyData.map((h) => (
                    <li key={h.id}>
                      <Link to={`/${city}/messages/${h.trackingCode}`} target="_blank">
                        {readableCode(h.trackingCode, locale)}
                      </Link>{" "}
                      · {t(`work.states.${h.status}`)} · {formatDateTime(h.createdAt, locale)} · <span className="muted">{h.description.slice(0, 80)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="form-grid">
            <div>
              <label htmlFor="name">{t("work.intake.name")}</label>
              <input id="name" name="name" autoComplete="off" aria-invalid={errors["citizen.name"] ? true : undefined} aria-describedby="name-error" />
              <FieldError id="name-error" message={errors["citizen.name"]} />
              <label className="checkbox">
                <input type="checkbox" id="recognitionConsent" name="recognitionConsent" value="1" /> {t("work.intake.recognitionConsent")}
              </label>
            </div>
            <div>
              <label htmlFor="nationalId">{t("work.intake.nationalId")}</label>
              <input id="nationalId" name="nationalId" dir="ltr" inputMode="numeric" aria-invalid={errors["citizen.nationalId"] ? true : undefined} aria-describedby="nationalId-error" />
              <FieldError id="nationalId-error" message={errors["citizen.nationalId"]} />
            </div>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t("work.intake.message")}</legend>
          <div className="form-grid">
            <div>
              <label htmlFor="kind">{t("work.intake.kind")}</label>
              <select id="kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
                {MESSAGE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`settings.kinds.${k}`)}
                  </option>
                ))}
              </select>
              <FieldError id="kind-error" message={errors.kind} />
            </div>
            <div>
              <label htmlFor="channel">{t("work.message.channel")}</label>
              <select id="channel" name="channel" defaultValue="phone">
                {CHANNELS.filter((c) => c !== "open311" && c !== "web" && c !== "app").map((c) => (
                  <option key={c} value={c}>
                    {t(`settings.channels.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="wide">
              <label htmlFor="categoryId">{t("work.intake.category")}</label>
              <CategoryPicker key={kind} name="categoryId" categories={pickable} invalid={Boolean(errors.categoryId)} describedBy="categoryId-error" onChange={setCategoryId} />
              <FieldError id="categoryId-error" message={errors.categoryId} />
            </div>
          </div>
          {category && <AttributeFields key={category.id} attributes={category.attributes} errors={errors} />}
          <label htmlFor="description">{t("work.intake.description")}</label>
          <textarea id="description" name="description" rows={4} aria-invalid={errors.description ? true : undefined} aria-describedby="description-error" />
          <FieldError id="description-error" message={errors.description} />
        </fieldset>

        <fieldset>
          <legend>{t("work.intake.location")}</legend>
          <div className="two-col">
            <div>
              <label htmlFor="address">{t("work.intake.address")}</label>
              <input id="address" name="address" />
              <div className="form-grid">
                <div>
                  <label htmlFor="lat">{t("work.intake.lat")}</label>
                  <input id="lat" name="lat" dir="ltr" inputMode="decimal" value={point.lat} onChange={(e) => setPoint({ ...point, lat: e.target.value })} aria-invalid={errors.lat ? true : undefined} />
                  <FieldError id="lat-error" message={errors.lat} />
                </div>
                <div>
                  <label htmlFor="lon">{t("work.intake.lon")}</label>
                  <input id="lon" name="lon" dir="ltr" inputMode="decimal" value={point.lon} onChange={(e) => setPoint({ ...point, lon: e.target.value })} aria-invalid={errors.lon ? true : undefined} />
                  <FieldError id="lon-error" message={errors.lon} />
                </div>
              </div>
              {hasPoint && placeData && (
                <p className={district ? "notice" : "form-error"} data-testid="located" role="status">
                  {district ? t("work.intake.locatedIn", { district: name(district) }) : t("work.intake.outside")}
                </p>
              )}
              <label htmlFor="districtId">{t("work.intake.district")}</label>
              <select id="districtId" name="districtId" defaultValue="" aria-invalid={errors.districtId ? true : undefined}>
                <option value="">{t("work.intake.districtAuto")}</option>
                {data.districts.map((d) => (
                  <option key={d.id} value={d.id}>
                    {name(d)}
                  </option>
                ))}
              </select>
              <FieldError id="districtId-error" message={errors.districtId} />
            </div>
            <div>
              <p className="help">{t("work.intake.mapHelp")}</p>
              <BoundaryMap
                label={t("work.intake.location")}
                features={data.boundaries as never}
                point={hasPoint ? { lat, lon } : null}
                onPick={(p) => setPoint({ lat: String(p.lat), lon: String(p.lon) })}
              />
            </div>
          </div>
          {categoryId && hasPoint && placeData && (
            <div className="duplicates" data-testid="duplicates">
              <h2>{t("work.intake.duplicates")}</h2>
              {placeData.nearby.length === 0 ? (
                <p className="muted">{t("work.intake.noDuplicates")}</p>
              ) : (
                <ul>
                  {placeData.nearby.map((n) => (
                    <li key={n.id}>
                      <Link to={`/${city}/messages/${n.trackingCode}`} target="_blank">
                        {t("work.intake.duplicateRow", { code: readableCode(n.trackingCode, locale), metres: formatDigits(n.metres, locale), state: t(`work.states.${n.status}`) })}
                      </Link>{" "}
                      <span className="muted">{n.description.slice(0, 80)}</span>{" "}
                      {/* Not a submit button: Enter in any field must still register the message. */}
                      <button
                        type="button"
                        className="secondary small"
                        data-testid={`attach-${n.trackingCode}`}
                        onClick={(e) => {
                          const form = new FormData(e.currentTarget.form!);
                          form.set("attachTo", n.id);
                          submit(form, { method: "post" });
                        }}
                      >
                        {t("work.intake.attach")}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"} data-testid="intake-submit">
          {t("work.intake.submit")}
        </button>
      </Form>
    </section>
  );
}
