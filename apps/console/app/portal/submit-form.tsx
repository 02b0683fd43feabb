import { Form, useNavigate, useNavigation, useParams } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AttributeFields, type AttributeDef } from "../components/attribute-fields";
import { BoundaryMap } from "../components/boundary-map";
import { CategoryPicker } from "../components/category-picker";
import { FieldError } from "../components/field-error";
import type { ApiFailure } from "../lib/api.server";
import { portalFieldErrors, portalMessage } from "./messages";
import { VoiceRecorder, type Recording } from "./voice-recorder";

export interface SubmitCatalogue {
  idempotencyKey: string;
  categories: Array<{ id: string; pathFa: string; pathEn: string; kinds: string[]; attributes: unknown }>;
  districts: Array<{ id: string; nameFa: string; nameEn: string }>;
  outlines: unknown[];
}

export interface QrPrefill {
  code: string;
  label: string;
  lat: number | null;
  lon: number | null;
  categoryIds: string[];
}

type Outcome = { ok: false; failure: ApiFailure } | { ok: true } | undefined;

/** The citizen's message form: kind, searchable subject with its questions, place (map, phone, fields, district), files, name and mobile. */
export function SubmitForm({ data, outcome: routeOutcome, qr }: { data: SubmitCatalogue; outcome: Outcome; qr?: QrPrefill | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const fa = locale === "fa";
  const upload = useUploadWithProgress();
  const outcome = upload.outcome ?? routeOutcome;
  const failure = outcome && !outcome.ok ? outcome.failure : undefined;
  const errors = portalFieldErrors(t, failure, locale);
  const busy = useNavigation().state === "submitting" || upload.percent !== null;
  const [categoryId, setCategoryId] = useState<string | null>(qr?.categoryIds.length === 1 ? qr.categoryIds[0]! : null);
  const [lat, setLat] = useState(qr?.lat != null ? String(qr.lat) : "");
  const [lon, setLon] = useState(qr?.lon != null ? String(qr.lon) : "");
  const [locating, setLocating] = useState<"idle" | "busy" | "failed">("idle");
  const [pickerKey, setPickerKey] = useState(0);
  const category = data.categories.find((c) => c.id === categoryId) ?? null;
  const kinds = category?.kinds ?? ["request", "complaint", "criticism", "suggestion", "thanks", "inquiry"];
  const pickable = data.categories.map((c) => ({ id: c.id, label: fa ? c.pathFa : c.pathEn }));
  const point = lat && lon && Number.isFinite(Number(lat)) && Number.isFinite(Number(lon)) ? { lat: Number(lat), lon: Number(lon) } : null;
  const useLocation = () => {
    if (!("geolocation" in navigator)) return setLocating("failed");
    setLocating("busy");
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLat(p.coords.latitude.toFixed(6));
        setLon(p.coords.longitude.toFixed(6));
        setLocating("idle");
      },
      () => setLocating("failed"),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };
  const err = (name: string) => errors[name];
  const described = (name: string) => (err(name) ? `${name}-error` : undefined);
  const general = failure && Object.keys(errors).length === 0 ? portalMessage(t, failure, locale) : null;
  return (
    <Form method="post" encType="multipart/form-data" className="panel" data-testid="portal-submit-form" noValidate onSubmit={upload.onSubmit}>
      <h1>{t("portal.submit.title")}</h1>
      <p className="help">{t("portal.submit.intro")}</p>
      {qr && (
        <p className="notice" data-testid="qr-notice">
          {t("portal.submit.fromQr", { label: qr.label })}
        </p>
      )}
      {general && (
        <p className="form-error" role="alert" data-testid="portal-error">
          {general}
        </p>
      )}
      <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
      <input type="hidden" name="locale" value={locale} />
      {qr && <input type="hidden" name="qr" value={qr.code} />}

      <label htmlFor="category-search-box">{t("portal.submit.category")}</label>
      {qr && qr.categoryIds.length > 1 && (
        <div className="suggested" aria-label={t("portal.submit.suggested")}>
          {qr.categoryIds.map((id) => {
            const c = data.categories.find((x) => x.id === id);
            return c ? (
              <button
                key={id}
                type="button"
                className="secondary small"
                onClick={() => {
                  setCategoryId(id);
                  setPickerKey((k) => k + 1);
                }}
              >
                {fa ? c.pathFa : c.pathEn}
              </button>
            ) : null;
          })}
        </div>
      )}
      <div id="category-search-box">
        <CategoryPicker key={pickerKey} name="categoryId" categories={pickable} defaultId={categoryId} invalid={!!err("categoryId")} describedBy={described("categoryId")} onChange={setCategoryId} />
      </div>
      <FieldError id="categoryId-error" message={err("categoryId")} />
      {category && <AttributeFields attributes={category.attributes as AttributeDef[]} errors={errors} />}

      <fieldset>
        <legend className="label">
          <strong>{t("portal.submit.kind")}</strong>
        </legend>
        <div className="kind-choices">
          {kinds.map((k, i) => (
            <label key={k}>
              <input type="radio" name="kind" value={k} defaultChecked={i === 0} data-testid={`kind-${k}`} />
              {t(`portal.kinds.${k}`)}
            </label>
          ))}
        </div>
        <FieldError id="kind-error" message={err("kind")} />
      </fieldset>

      <label htmlFor="description">{t("portal.submit.description")}</label>
      <textarea id="description" name="description" rows={4} maxLength={5000} aria-invalid={!!err("description") || undefined} aria-describedby={described("description") ?? "description-help"} data-testid="portal-description" />
      <p className="help" id="description-help">
        {t("portal.submit.descriptionHelp")}
      </p>
      <FieldError id="description-error" message={err("description")} />

      <fieldset>
        <legend className="label">
          <strong>{t("portal.submit.place")}</strong>
        </legend>
        <p className="help">{t("portal.submit.placeHelp")}</p>
        <div className="point-row">
          <button type="button" className="secondary" onClick={useLocation} data-testid="use-location">
            {t("portal.submit.useLocation")}
          </button>
          {point && (
            <button
              type="button"
              className="secondary small"
              onClick={() => {
                setLat("");
                setLon("");
              }}
            >
              {t("portal.submit.clearPoint")}
            </button>
          )}
        </div>
        {locating === "busy" && <p role="status">{t("portal.submit.locating")}</p>}
        {locating === "failed" && <p role="status">{t("portal.submit.locationFailed")}</p>}
        {data.outlines.length > 0 && (
          <BoundaryMap
            features={data.outlines as never}
            label={t("portal.submit.placeHelp")}
            point={point}
            onPick={(p) => {
              setLat(String(p.lat));
              setLon(String(p.lon));
            }}
          />
        )}
        {point && (
          <p className="help" role="status" data-testid="point-set">
            {t("portal.submit.pointSet", { lat: formatDigits(lat, locale), lon: formatDigits(lon, locale) })}
          </p>
        )}
        <div className="latlon">
          <div>
            <label htmlFor="lat">{t("portal.fields.lat")}</label>
            <input id="lat" name="lat" inputMode="decimal" dir="ltr" value={lat} onChange={(e) => setLat(e.target.value)} aria-invalid={!!err("lat") || undefined} aria-describedby={described("lat")} data-testid="portal-lat" />
            <FieldError id="lat-error" message={err("lat")} />
          </div>
          <div>
            <label htmlFor="lon">{t("portal.fields.lon")}</label>
            <input id="lon" name="lon" inputMode="decimal" dir="ltr" value={lon} onChange={(e) => setLon(e.target.value)} aria-invalid={!!err("lon") || undefined} aria-describedby={described("lon")} data-testid="portal-lon" />
            <FieldError id="lon-error" message={err("lon")} />
          </div>
        </div>
        <label htmlFor="districtId">{t("portal.submit.district")}</label>
        <select id="districtId" name="districtId" defaultValue="">
          <option value="">{t("portal.submit.choose")}</option>
          {data.districts.map((d) => (
            <option key={d.id} value={d.id}>
              {fa ? d.nameFa : d.nameEn}
            </option>
          ))}
        </select>
        <FieldError id="districtId-error" message={err("districtId")} />
        <label htmlFor="address">{t("portal.submit.address")}</label>
        <input id="address" name="address" maxLength={500} />
      </fieldset>

      <label htmlFor="files">{t("portal.submit.files")}</label>
      <input id="files" name="files" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf,audio/*" capture="environment" aria-describedby="files-help" data-testid="portal-files" />
      <p className="help" id="files-help">
        {t("portal.submit.filesHelp")}
      </p>
      <VoiceRecorder onChange={upload.setRecording} />

      <fieldset>
        <legend className="label">
          <strong>{t("portal.submit.you")}</strong>
        </legend>
        <label htmlFor="name">{t("portal.submit.name")}</label>
        <input id="name" name="name" autoComplete="name" maxLength={120} aria-invalid={!!err("name") || undefined} aria-describedby={described("name")} data-testid="portal-name" />
        <FieldError id="name-error" message={err("name")} />
        <label className="checkbox">
          <input type="checkbox" name="recognitionConsent" value="1" data-testid="portal-recognition" /> {t("portal.submit.recognitionConsent")}
        </label>
        <label htmlFor="mobile">{t("portal.submit.mobile")}</label>
        <input id="mobile" name="mobile" type="tel" inputMode="tel" autoComplete="tel" dir="ltr" placeholder="09xxxxxxxxx" required aria-invalid={!!err("mobile") || undefined} aria-describedby={described("mobile") ?? "mobile-help"} data-testid="portal-mobile" />
        <p className="help" id="mobile-help">
          {t("portal.submit.mobileHelp")}
        </p>
        <FieldError id="mobile-error" message={err("mobile")} />
      </fieldset>

      {upload.percent !== null && (
        <div role="status" data-testid="upload-progress">
          <label htmlFor="upload-bar">{t("portal.submit.record.uploading", { percent: formatDigits(upload.percent, locale) })}</label>
          <progress id="upload-bar" max={100} value={upload.percent} />
        </div>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="portal-send">
        {busy ? t("portal.submit.sending") : t("portal.submit.send")}
      </button>
    </Form>
  );
}

/**
 * With files or a recording, the form is sent by XMLHttpRequest to the
 * portal's JSON twin of its action (/p/:city/send), so the citizen sees the
 * upload's progress on a slow line; without files it is an ordinary post.
 */
function useUploadWithProgress() {
  const { city } = useParams();
  const navigate = useNavigate();
  const [recording, setRecording] = useState<Recording | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const body = new FormData(e.currentTarget);
    const files = body.getAll("files").filter((f) => typeof f === "object" && (f as File).size > 0);
    if (!recording && files.length === 0) return;
    e.preventDefault();
    if (percent !== null) return;
    if (recording) body.append("files", recording.blob, recording.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/p/${city}/send`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (p) => p.lengthComputable && setPercent(Math.round((p.loaded / p.total) * 100));
    xhr.onload = () => {
      const res = xhr.response as ({ location?: string | null } & Outcome) | null;
      if (xhr.status === 200 && res?.location) return navigate(res.location);
      setPercent(null);
      setOutcome(res && "ok" in res ? res : { ok: false, failure: { code: "INTERNAL_SERVER_ERROR", messageKey: "errors.serviceUnavailable" } as never });
    };
    xhr.onerror = () => {
      setPercent(null);
      setOutcome({ ok: false, failure: { code: "SERVICE_UNAVAILABLE", messageKey: "errors.serviceUnavailable" } as never });
    };
    setPercent(0);
    xhr.send(body);
  };
  return { onSubmit, percent, outcome, setRecording };
}
