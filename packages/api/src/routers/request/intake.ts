import { createHash, randomUUID } from "node:crypto";
import { AppError, checkAttributes, normalizePersian, route, trackingCode } from "@city137/core";
import { commitBehind, enqueueOutbox, findRequestByIdempotencyKey, getDirectSession, giveRecognitionConsent, insertRegistration, insertRegistrationEvents, type Tx } from "@city137/db";
import type { CreateRequestInput } from "@city137/validators";
import { configCacheFor, type CityConfig } from "../../config/city-config-cache";
import type { DistrictIndexCache } from "../../config/district-index-cache";
import { slaOf } from "./deadline";

export interface IntakeContext {
  tenantId: string;
  actorId: string | null;
  districts: DistrictIndexCache;
  now: Date;
  /** Taken before the transaction opened (trackingNumbersFor): unused if the call is a replay or fails. */
  seq: number;
}

/** Registering is key lookups and inserts: its transaction may keep statement plans (docs/decisions/024). */
export const INTAKE_PLANS = { cachedPlans: true } as const;

/** Same key, same body → same message; same key, another body → refused. */
export function bodyHash(input: CreateRequestInput): string {
  // Without a session the body hashes as it did before sessions existed (keys stored then still replay).
  const { idempotencyKey: _k, directSessionId, ...rest } = input;
  // A citizen without a recorded language or a consent hashes as before those were recorded (keys stored then still replay).
  const { locale, recognitionConsent, ...citizen } = rest.citizen;
  const stable = { ...rest, citizen: { ...citizen, ...(locale ? { locale } : {}), ...(recognitionConsent ? { recognitionConsent } : {}) } };
  const body = directSessionId ? { ...stable, directSessionId } : stable;
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

export interface RegisterOptions {
  /**
   * The caller's own rows about a new message (not a replay), issued with its inserts: one
   * statement, or several issued at once — nothing may be issued after waiting for an answer.
   */
  alsoWrite?: (tx: Tx, requestId: string) => Promise<unknown>;
}

/**
 * Registers one citizen message: checks it against the city's configuration,
 * places it (district and region from the point, or chosen by hand), routes
 * it with the published tree, sets its deadline, writes its first timeline
 * entries and the citizen's SMS to the outbox, all in the caller's single
 * transaction. The answer is sent only after that transaction commits.
 *
 * A new message is the transaction's last step: its COMMIT goes out right
 * behind the inserts (docs/decisions/034), so the caller writes its own rows
 * through `alsoWrite` and issues nothing afterwards.
 */
export async function registerRequest(tx: Tx, ctx: IntakeContext, input: CreateRequestInput, options: RegisterOptions = {}) {
  const { tenantId } = ctx;
  const hash = bodyHash(input);
  // Both questions in one round trip (statements on one connection are pipelined in order).
  const [earlier, config] = await Promise.all([
    findRequestByIdempotencyKey(tx, { tenantId, key: input.idempotencyKey }),
    configCacheFor(ctx.districts).get(tx, tenantId),
  ]);
  if (earlier) {
    if (earlier.idempotencyHash !== hash) throw new AppError("CONFLICT", "errors.request.idempotencyMismatch", { field: "idempotencyKey" });
    return { request: earlier, replayed: true };
  }

  const categories = config.data.categories;
  const category = categories.find((c) => c.id === input.categoryId && c.active);
  if (!category) throw new AppError("NOT_FOUND", "errors.request.unknownCategory", { field: "categoryId" });
  if (!category.kinds.includes(input.kind)) throw new AppError("BAD_REQUEST", "errors.request.kindNotAccepted", { field: "kind" });
  const { clean, errors } = checkAttributes(category.attributes, input.attributes);
  if (Object.keys(errors).length) throw new AppError("BAD_REQUEST", "errors.invalidInput", { fieldErrors: errors });

  const place = await locate(tx, ctx, config, input);
  const path = config.categoryPaths.get(category.id)!;
  const session = await liveSession(tx, tenantId, input);
  const version = session ? null : config.data.routing;
  const hq = config.hqId;
  const decision = session
    ? { unitId: session.unitId, priority: category.priority, slaMinutes: null, ruleId: null, unresolved: null }
    : config.tree
    ? route(config.tree, { categoryPath: path, kind: input.kind, channel: input.channel, priority: category.priority, regionId: place.regionId, districtId: place.districtId, at: ctx.now, text: input.description }, config.data.offices)
    : null;
  // An office rule that finds no office (no point, no district) goes to HQ rather than nowhere.
  const unitId = decision?.unitId ?? hq;
  const priority = decision?.priority ?? category.priority;
  const minutes = decision?.slaMinutes ?? slaOf(path.map((id) => categories.find((c) => c.id === id)!));
  const deadline = config.deadline({ unitId, priority, minutes, from: ctx.now });

  const { seq } = ctx;
  // The id is made here so the message, its first timeline entries and the citizen's SMS go to
  // Postgres together, pipelined in that order; the first failure (a duplicate key) is the one thrown.
  const id = randomUUID();
  const code = trackingCode(tenantId, seq);
  const mobile = input.citizen.mobile;
  const written = Promise.all([
    // Every column given (null where there is no value): the statements are built once per process (docs/decisions/028).
    insertRegistration(tx, {
      tenantId,
      id,
      seq,
      trackingCode: code,
      kind: input.kind,
      categoryId: category.id,
      channel: input.channel,
      description: input.description,
      searchText: normalizePersian(input.description).toLowerCase(),
      attributes: clean,
      lat: input.lat ?? null,
      lon: input.lon ?? null,
      address: input.address ?? null,
      districtId: place.districtId,
      regionId: place.regionId,
      citizenName: input.citizen.name ?? null,
      citizenMobile: mobile ?? null,
      citizenNationalId: input.citizen.nationalId ?? null,
      citizenLocale: input.citizen.locale ?? null,
      priority,
      status: unitId ? "referred" : "registered",
      unitId,
      deadline,
      routingVersionId: version?.id ?? null,
      routingRuleId: decision?.ruleId ?? null,
      idempotencyKey: input.idempotencyKey,
      idempotencyHash: hash,
      createdBy: ctx.actorId,
      directSessionId: session?.id ?? null,
      createdAt: ctx.now,
    }),
    // Registration and the automatic referral in one statement.
    insertRegistrationEvents(tx, [
      { tenantId, requestId: id, at: ctx.now, actorStaffId: ctx.actorId, type: "registered", fromStatus: null, toStatus: "registered", unitId: null, data: { channel: input.channel } },
      ...(unitId
        ? [
            {
              tenantId,
              requestId: id,
              at: ctx.now,
              actorStaffId: null,
              type: "referred",
              fromStatus: "registered",
              toStatus: "referred",
              unitId,
              data: session ? { directSession: session.id } : { routingVersion: version?.number ?? null, rule: decision?.ruleId ?? null, unresolved: decision?.unresolved ?? null },
            },
          ]
        : []),
    ]),
    mobile
      ? enqueueOutbox(tx, {
          tenantId,
          topic: "sms.request_registered",
          dedupeKey: `sms:registered:${id}`,
          payload: { requestId: id, trackingCode: code, mobile, locale: input.citizen.locale ?? null },
        })
      : null,
    mobile && input.citizen.name && input.citizen.recognitionConsent
      ? giveRecognitionConsent(tx, { tenantId, mobile, name: input.citizen.name, at: ctx.now, requestId: id })
      : null,
    options.alsoWrite?.(tx, id) ?? null,
  ]);
  // Those were the transaction's last statements: its COMMIT follows them in the same round trip (docs/decisions/034).
  commitBehind(tx);
  const [request] = await written;
  return { request, replayed: false };
}

/** A question for a direct session: the session must be live, the channel direct_session (and the reverse). */
async function liveSession(tx: Tx, tenantId: string, input: CreateRequestInput) {
  if (!input.directSessionId) {
    if (input.channel === "direct_session") throw new AppError("BAD_REQUEST", "validation.required", { field: "directSessionId" });
    return null;
  }
  if (input.channel !== "direct_session") throw new AppError("BAD_REQUEST", "errors.directSession.channel", { field: "channel" });
  // Questions are published afterwards: a corruption report has its own protected path.
  if (input.kind === "corruption_report") throw new AppError("BAD_REQUEST", "errors.request.kindNotAccepted", { field: "kind" });
  const session = await getDirectSession(tx, { tenantId, id: input.directSessionId });
  if (!session) throw new AppError("NOT_FOUND", "errors.directSession.notFound", { field: "directSessionId" });
  if (session.status !== "live") throw new AppError("CONFLICT", "errors.directSession.notLive", { field: "directSessionId" });
  return session;
}

async function locate(tx: Tx, ctx: IntakeContext, config: CityConfig, input: CreateRequestInput) {
  if (input.districtId) {
    const district = config.data.districts.find((a) => a.id === input.districtId);
    if (!district) throw new AppError("NOT_FOUND", "errors.request.unknownDistrict", { field: "districtId" });
    return { districtId: district.id, regionId: district.parentId };
  }
  if ((input.lat === null) !== (input.lon === null)) throw new AppError("BAD_REQUEST", "errors.request.halfPoint", { field: input.lat === null ? "lat" : "lon" });
  if (input.lat === null || input.lon === null) return { districtId: null, regionId: null };
  const hit = (await ctx.districts.get(tx, ctx.tenantId)).locate(input.lon, input.lat);
  return { districtId: hit?.districtId ?? null, regionId: hit?.regionId ?? null };
}
