import { createHash } from "node:crypto";
import { AppError, checkAttributes, normalizeIranMobile } from "@city137/core";
import {
  categoriesChangedAt,
  findRequestByIdempotencyKey,
  findTenantBySlug,
  insertOpen311Request,
  isUniqueViolation,
  listCategories,
  useApiKey,
  withoutTenant,
  withTenant,
  type Database,
  type PublicTenant,
} from "@city137/db";
import { ZCreateRequestInput, type CreateRequestInput } from "@city137/validators";
import type { RateLimiter } from "../auth/rate-limit";
import type { DistrictIndexCache } from "../config/district-index-cache";
import { INTAKE_PLANS, registerRequest } from "../routers/request/intake";
import { trackingNumbersFor } from "../intake/tracking-numbers";
import { catalogue, kindFor, nameOf, serviceDefinition, serviceEntry, type Catalogue } from "./catalogue";
import { toW3c } from "./dates";
import { fail, Open311Error } from "./errors";
import type { Document, Value } from "./format";
import { hashApiKey } from "./keys";
import { say, type Open311Locale, type TextKey } from "./texts";

export const GEOREPORT_V2 = "http://wiki.open311.org/GeoReport_v2";
/** Changeset of the shared endpoint's discovery (its services differ per city; each city's own discovery tracks them). */
export const SHARED_CHANGESET = "2026-11-25T00:00:00+03:30";
/** Requests per minute per API key on POST. */
export const DEFAULT_POST_LIMIT = 60;
/** Retried identical POSTs within this window return the first message (see docs/decisions/008). */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60_000;
export const MAX_PAGE_SIZE = 1000;
export const DESCRIPTION_MAX = 4000;

export interface Open311Deps {
  db: Database;
  now: () => Date;
  districts: DistrictIndexCache;
  /** Per API key, counted on POST. */
  postLimiter: RateLimiter;
}

/**
 * Parameters of a call, from the query string and the form body together.
 * "Optional" in the spec means an empty value counts as absent.
 */
export class Params {
  constructor(readonly pairs: Array<[string, string]>) {}

  get(name: string): string | undefined {
    for (const [k, v] of this.pairs) if (k === name && v.trim() !== "") return v.trim();
    return undefined;
  }

  /** Comma-delimited lists, possibly repeated. */
  list(name: string): string[] | undefined {
    const values = this.pairs.filter(([k, v]) => k === name && v.trim() !== "").flatMap(([, v]) => v.split(","));
    const out = values.map((v) => v.trim()).filter(Boolean);
    return out.length ? out : undefined;
  }

  /** attribute[code]=v and attribute[code][]=v, as code → value or values. */
  attributes(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of this.pairs) {
      const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
      if (!m) continue;
      const code = m[1]!;
      const prior = out[code];
      if (m[2] || prior !== undefined) out[code] = [...(prior === undefined ? [] : Array.isArray(prior) ? prior : [prior]), v];
      else out[code] = v;
    }
    return out;
  }
}

export function localeOf(params: Params, city: PublicTenant | null): Open311Locale {
  const asked = params.get("locale")?.toLowerCase();
  if (asked === "fa" || asked === "en") return asked;
  return city?.defaultLocale ?? "fa";
}

/**
 * The city of a call: from the URL's slug on a city's own base, or from
 * jurisdiction_id on the shared base. An unknown city is 404, a missing one 400.
 */
export async function resolveCity(deps: Pick<Open311Deps, "db">, slug: string | null, params: Params): Promise<PublicTenant> {
  const jurisdiction = params.get("jurisdiction_id")?.toLowerCase();
  const wanted = slug ?? jurisdiction;
  if (!wanted) throw fail(400, "jurisdictionRequired");
  const city = /^[a-z][a-z0-9-]{1,39}$/.test(wanted) ? await withoutTenant(deps.db, (tx) => findTenantBySlug(tx, wanted)) : null;
  if (!city) throw fail(404, "cityNotFound", { city: wanted });
  if (slug && jurisdiction && jurisdiction !== city.slug) throw fail(400, "jurisdictionMismatch", { given: jurisdiction, city: city.slug });
  return city;
}

const loadCatalogue = (deps: Pick<Open311Deps, "db">, city: PublicTenant) => withTenant(deps.db, city.id, async (tx) => catalogue(await listCategories(tx, { tenantId: city.id })));

// DISCOVERY ------------------------------------------------------------------

export async function discovery(deps: Pick<Open311Deps, "db">, city: PublicTenant | null, baseUrl: string, locale: Open311Locale): Promise<Document> {
  const changed = city ? await withTenant(deps.db, city.id, (tx) => categoriesChangedAt(tx, { tenantId: city.id })) : null;
  const changeset = city ? (toW3c(changed) ?? SHARED_CHANGESET) : SHARED_CHANGESET;
  return {
    root: "discovery",
    body: {
      changeset,
      contact: city ? say(locale, "contact", { name: nameOf(city, locale), short: city.shortNumber }) : say(locale, "contactShared"),
      key_service: say(locale, "keyService"),
      endpoints: [{ specification: GEOREPORT_V2, url: baseUrl, changeset, type: "production", formats: ["text/xml", "application/json"] }],
    },
  };
}

// SERVICES -------------------------------------------------------------------

export async function services(deps: Pick<Open311Deps, "db">, city: PublicTenant, locale: Open311Locale): Promise<Document> {
  const cat = await loadCatalogue(deps, city);
  return { root: "services", body: cat.services.map((c) => serviceEntry(c, cat, locale)) };
}

export async function serviceDefinitionOf(deps: Pick<Open311Deps, "db">, city: PublicTenant, code: string, locale: Open311Locale): Promise<Document> {
  const service = (await loadCatalogue(deps, city)).serviceByCode.get(code);
  if (!service) throw fail(404, "serviceNotFound", { code });
  return { root: "service_definition", body: serviceDefinition(service, locale) };
}

// POST REQUESTS --------------------------------------------------------------

/**
 * The intake key of an Open311 POST: a hash of the API key's id and the
 * form (without the secret itself), per time window. The same form sent
 * again within the window is the same message; see docs/decisions/008.
 */
export function open311IdempotencyKey(apiKeyId: string, params: Params, windowIndex: number): string {
  const form = params.pairs
    .filter(([k]) => k !== "api_key")
    .map(([k, v], i) => [k, v, i] as const)
    // Names in order, repeated values (attribute[x][]) in the order sent.
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2]))
    .map(([k, v]) => [k, v]);
  const digest = createHash("sha256").update(JSON.stringify([apiKeyId, windowIndex, form])).digest("base64url");
  return `o311-${digest}`;
}

const isHttpUrl = (s: string) => {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
};

type Problem = { key: TextKey; params?: Record<string, string | number> };

/** The form as the intake's input, or every problem with it at once (400). */
function readForm(form: Params, service: Catalogue["services"][number]) {
  const problems: Problem[] = [];
  const latRaw = form.get("lat");
  const longRaw = form.get("long");
  let lat: number | null = null;
  let lon: number | null = null;
  if ((latRaw === undefined) !== (longRaw === undefined)) problems.push({ key: "latLongPair" });
  else if (latRaw !== undefined && longRaw !== undefined) {
    lat = Number(latRaw);
    lon = Number(longRaw);
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) problems.push({ key: "latInvalid" });
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) problems.push({ key: "longInvalid" });
  }
  const address = form.get("address_string") ?? null;
  if (lat === null && lon === null && !address && !problems.length) problems.push({ key: form.get("address_id") ? "addressIdUnsupported" : "locationRequired" });
  if (address && address.length > 500) problems.push({ key: "fieldTooLong", params: { field: "address_string" } });

  const description = form.get("description");
  if (description && description.length > DESCRIPTION_MAX) problems.push({ key: "descriptionTooLong" });

  const phoneRaw = form.get("phone");
  const mobile = phoneRaw ? normalizeIranMobile(phoneRaw) : null;
  if (phoneRaw && !mobile) problems.push({ key: "phoneInvalid" });
  const email = form.get("email") ?? null;
  if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) problems.push({ key: "emailInvalid" });
  const mediaUrl = form.get("media_url") ?? null;
  if (mediaUrl && (mediaUrl.length > 2000 || !isHttpUrl(mediaUrl))) problems.push({ key: "mediaUrlInvalid" });
  const name = [form.get("first_name"), form.get("last_name")].filter(Boolean).join(" ") || null;
  if (name && name.length > 120) problems.push({ key: "fieldTooLong", params: { field: "first_name/last_name" } });
  const deviceId = form.get("device_id") ?? null;
  const accountId = form.get("account_id") ?? null;
  for (const [field, v] of [["device_id", deviceId], ["account_id", accountId]] as const) {
    if (v && v.length > 200) problems.push({ key: "fieldTooLong", params: { field } });
  }

  // The same check the intake makes, so each bad answer is named by its attribute code.
  const answers = form.attributes();
  const { errors } = checkAttributes(service.attributes, answers);
  for (const [field, messageKey] of Object.entries(errors)) {
    const code = field.replace(/^attributes\./, "");
    problems.push({ key: messageKey === "validation.required" ? "attributeRequired" : messageKey === "validation.tooLong" ? "attributeTooLong" : "attributeInvalid", params: { code } });
  }
  if (problems.length) throw new Open311Error(400, problems);

  return {
    input: {
      kind: kindFor(service),
      categoryId: service.id,
      channel: "open311",
      // The spec makes description optional; the intake needs words, so the service's name stands in.
      description: description ?? service.nameFa,
      attributes: answers,
      lat,
      lon,
      address,
      districtId: null,
      citizen: { name, mobile, nationalId: null, locale: null, recognitionConsent: false },
    },
    extra: { mediaUrl, email, deviceId, accountId },
  };
}

/** Intake field → Open311 parameter, for the rare refusal only the intake notices. */
const FIELD_NAMES: Record<string, string> = { description: "description", lat: "lat", lon: "long", address: "address_string", "citizen.name": "first_name/last_name", "citizen.mobile": "phone" };

function intakeProblem(err: AppError, serviceCode: string): Open311Error {
  if (err.code === "NOT_FOUND") return fail(404, "serviceNotFound", { code: serviceCode });
  const fields = Object.keys(err.fieldErrors ?? {}).concat(err.field ? [err.field] : []);
  const problems = fields.map((f): Problem =>
    f.startsWith("attributes.") ? { key: "attributeInvalid", params: { code: f.slice(11) } } : { key: "fieldInvalid", params: { field: FIELD_NAMES[f] ?? f } },
  );
  return new Open311Error(400, problems.length ? problems : [{ key: "internal" }]);
}

/**
 * POST requests: the key (403), its rate (429), the service (404), the form
 * (400), then the same intake as every channel — validation, routing,
 * deadline, timeline, the citizen's SMS in the outbox — in one transaction
 * with the Open311 extras. Answers after COMMIT.
 */
export async function createRequest(deps: Open311Deps, city: PublicTenant, form: Params): Promise<{ doc: Document; replayed: boolean; trackingCode: string }> {
  const now = deps.now();
  const secret = form.get("api_key");
  if (!secret) throw fail(403, "apiKeyMissing");
  const key = await withTenant(deps.db, city.id, (tx) => useApiKey(tx, { tenantId: city.id, keyHash: hashApiKey(secret), at: now }));
  if (!key) throw fail(403, "apiKeyInvalid");
  if (!deps.postLimiter.hit(`${city.id}:${key.id}`, now.getTime())) throw fail(429, "rateLimited");

  const code = form.get("service_code");
  if (!code) throw fail(400, "serviceCodeRequired");
  const service = (await loadCatalogue(deps, city)).serviceByCode.get(code);
  if (!service) throw fail(404, "serviceNotFound", { code });
  const { input: raw, extra } = readForm(form, service);

  const window = Math.floor(now.getTime() / IDEMPOTENCY_WINDOW_MS);
  const parsed = ZCreateRequestInput.safeParse({ ...raw, idempotencyKey: open311IdempotencyKey(key.id, form, window) });
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.map((i) => ({ key: "fieldInvalid", params: { field: FIELD_NAMES[i.path.map(String).join(".")] ?? i.path.join(".") } }));
    throw new Open311Error(400, problems);
  }
  const input: CreateRequestInput = parsed.data;
  const previousKey = open311IdempotencyKey(key.id, form, window - 1);
  const intake = { tenantId: city.id, actorId: null, districts: deps.districts, now, seq: await trackingNumbersFor(deps.db).next(city.id) };

  const register = () =>
    withTenant(deps.db, city.id, async (tx) => {
      // A retry just after a window boundary finds the first message under the previous window's key.
      const earlier = await findRequestByIdempotencyKey(tx, { tenantId: city.id, key: previousKey });
      if (earlier) return { request: earlier, replayed: true };
      return registerRequest(tx, intake, input, {
        alsoWrite: (wtx, requestId) => insertOpen311Request(wtx, { tenantId: city.id, requestId, apiKeyId: key.id, ...extra, at: now }),
      });
    }, INTAKE_PLANS);
  let result: Awaited<ReturnType<typeof register>>;
  try {
    try {
      result = await register();
    } catch (err) {
      // The same form sent twice at once: the loser answers with the winner's message.
      if (!isUniqueViolation(err)) throw err;
      result = await register();
    }
  } catch (err) {
    if (err instanceof AppError) throw intakeProblem(err, code);
    throw err;
  }
  const body: Value = [{ service_request_id: result.request.trackingCode, service_notice: null, account_id: extra.accountId }];
  return { doc: { root: "service_requests", body }, replayed: result.replayed, trackingCode: result.request.trackingCode };
}
