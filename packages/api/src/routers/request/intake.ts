import { createHash } from "node:crypto";
import { AppError, checkAttributes, normalizePersian, route, trackingCode } from "@city137/core";
import { enqueueOutbox, findRequestByIdempotencyKey, insertRequest, insertRequestEvents, nextCounter, type Tx } from "@city137/db";
import type { CreateRequestInput } from "@city137/validators";
import { configCacheFor, type CityConfig } from "../../config/city-config-cache";
import type { DistrictIndexCache } from "../../config/district-index-cache";
import { slaOf } from "./deadline";

export interface IntakeContext {
  tenantId: string;
  actorId: string | null;
  districts: DistrictIndexCache;
  now: Date;
}

/** Same key, same body → same message; same key, another body → refused. */
export function bodyHash(input: CreateRequestInput): string {
  const { idempotencyKey: _k, ...body } = input;
  // A citizen without a recorded language hashes as before languages were recorded (keys stored then still replay).
  const { locale, ...citizen } = body.citizen;
  return createHash("sha256").update(JSON.stringify(locale ? body : { ...body, citizen })).digest("hex");
}

/**
 * Registers one citizen message: checks it against the city's configuration,
 * places it (district and region from the point, or chosen by hand), routes
 * it with the published tree, sets its deadline, writes its first timeline
 * entries and the citizen's SMS to the outbox, all in the caller's single
 * transaction. The answer is sent only after that transaction commits.
 */
export async function registerRequest(tx: Tx, ctx: IntakeContext, input: CreateRequestInput) {
  const { tenantId } = ctx;
  const hash = bodyHash(input);
  const earlier = await findRequestByIdempotencyKey(tx, { tenantId, key: input.idempotencyKey });
  if (earlier) {
    if (earlier.idempotencyHash !== hash) throw new AppError("CONFLICT", "errors.request.idempotencyMismatch", { field: "idempotencyKey" });
    return { request: earlier, replayed: true };
  }

  const config = await configCacheFor(ctx.districts).get(tx, tenantId);
  const categories = config.data.categories;
  const category = categories.find((c) => c.id === input.categoryId && c.active);
  if (!category) throw new AppError("NOT_FOUND", "errors.request.unknownCategory", { field: "categoryId" });
  if (!category.kinds.includes(input.kind)) throw new AppError("BAD_REQUEST", "errors.request.kindNotAccepted", { field: "kind" });
  const { clean, errors } = checkAttributes(category.attributes, input.attributes);
  if (Object.keys(errors).length) throw new AppError("BAD_REQUEST", "errors.invalidInput", { fieldErrors: errors });

  const place = await locate(tx, ctx, config, input);
  const path = config.categoryPaths.get(category.id)!;
  const version = config.data.routing;
  const hq = config.hqId;
  const decision = config.tree
    ? route(config.tree, { categoryPath: path, kind: input.kind, channel: input.channel, priority: category.priority, regionId: place.regionId, districtId: place.districtId, at: ctx.now, text: input.description }, config.data.offices)
    : null;
  // An office rule that finds no office (no point, no district) goes to HQ rather than nowhere.
  const unitId = decision?.unitId ?? hq;
  const priority = decision?.priority ?? category.priority;
  const minutes = decision?.slaMinutes ?? slaOf(path.map((id) => categories.find((c) => c.id === id)!));
  const deadline = config.deadline({ unitId, priority, minutes, from: ctx.now });

  const seq = await nextCounter(tx, { tenantId, name: "tracking" });
  const request = await insertRequest(tx, {
    tenantId,
    seq,
    trackingCode: trackingCode(tenantId, seq),
    values: {
      kind: input.kind,
      categoryId: category.id,
      channel: input.channel,
      description: input.description,
      searchText: normalizePersian(input.description).toLowerCase(),
      attributes: clean,
      lat: input.lat,
      lon: input.lon,
      address: input.address,
      districtId: place.districtId,
      regionId: place.regionId,
      citizenName: input.citizen.name,
      citizenMobile: input.citizen.mobile,
      citizenNationalId: input.citizen.nationalId,
      citizenLocale: input.citizen.locale,
      priority,
      status: unitId ? "referred" : "registered",
      unitId,
      deadline,
      routingVersionId: version?.id ?? null,
      routingRuleId: decision?.ruleId ?? null,
      idempotencyKey: input.idempotencyKey,
      idempotencyHash: hash,
      createdBy: ctx.actorId,
      createdAt: ctx.now,
    },
  });
  // Registration and the automatic referral in one statement.
  await insertRequestEvents(tx, [
    { tenantId, requestId: request.id, at: ctx.now, actorStaffId: ctx.actorId, type: "registered", toStatus: "registered", data: { channel: input.channel } },
    ...(unitId
      ? [
          {
            tenantId,
            requestId: request.id,
            at: ctx.now,
            type: "referred",
            fromStatus: "registered",
            toStatus: "referred",
            unitId,
            data: { routingVersion: version?.number ?? null, rule: decision?.ruleId ?? null, unresolved: decision?.unresolved ?? null },
          },
        ]
      : []),
  ]);
  if (request.citizenMobile) {
    await enqueueOutbox(tx, {
      tenantId,
      topic: "sms.request_registered",
      dedupeKey: `sms:registered:${request.id}`,
      payload: { requestId: request.id, trackingCode: request.trackingCode, mobile: request.citizenMobile, locale: request.citizenLocale },
    });
  }
  return { request, replayed: false };
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
