import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, withoutTenant } from "./tenant";
import { createTestDb, type TestDb } from "./testing";
import { findTenantBySlug } from "./queries/tenants";
import { listCategories } from "./queries/categories";
import { configVersion, findRequestByIdempotencyKey, getRequest, insertRegistration, insertRegistrationEvents, insertRequest, listRequestEvents, type RegistrationRow } from "./queries/requests";
import { requests } from "./schema";

let t: TestDb;
let tehran: string;
let shiraz: string;
let categoryId: string;
beforeAll(async () => {
  t = await createTestDb();
  tehran = (await withoutTenant(t.db, (tx) => findTenantBySlug(tx, "tehran")))!.id;
  shiraz = (await withoutTenant(t.db, (tx) => findTenantBySlug(tx, "shiraz")))!.id;
  categoryId = (await withTenant(t.db, tehran, (tx) => listCategories(tx, { tenantId: tehran })))[0]!.id;
});
afterAll(() => t?.close());

const row = (seq: number, extra: Partial<RegistrationRow> = {}): RegistrationRow => ({
  tenantId: tehran, id: crypto.randomUUID(), seq, trackingCode: `BUILT-${seq}`, kind: "complaint", categoryId, channel: "phone",
  description: "چاله در خیابان", searchText: "چاله در خیابان", attributes: {}, lat: null, lon: null, address: null,
  districtId: null, regionId: null, citizenName: null, citizenMobile: null, citizenNationalId: null, citizenLocale: null,
  priority: "normal", status: "registered", unitId: null, deadline: null, routingVersionId: null, routingRuleId: null,
  idempotencyKey: `built-${seq}`, idempotencyHash: "h", createdBy: null, directSessionId: null, createdAt: new Date("2026-12-01T08:00:00Z"),
  ...extra,
}); // prettier-ignore

describe("statements built once (docs/decisions/028)", () => {
  it("answer what drizzle's ordinary statements answer, nulls as SQL null, defaults where no column is given", async () => {
    const deadline = new Date("2026-12-03T08:00:00Z");
    const extra = { deadline, lat: 35.7, lon: 51.4, citizenMobile: "09120000001", attributes: { depth: 3 } };
    const [answer, built, plain] = await withTenant(t.db, tehran, async (tx) => {
      const a = await insertRegistration(tx, row(900_001, extra));
      const { tenantId, id: _id, seq: _s, trackingCode: _c, ...values } = row(900_002, extra);
      const b = await insertRequest(tx, { tenantId, seq: 900_002, trackingCode: "BUILT-900002", values });
      return [a, (await getRequest(tx, { tenantId, id: a.id }))!, b];
    });
    const strip = (r: typeof built) => ({ ...r, id: null, seq: null, trackingCode: null, idempotencyKey: null, updatedAt: null });
    expect(strip(built)).toEqual(strip(plain));
    expect(built.deadline).toEqual(deadline);
    expect(built.attributes).toEqual({ depth: 3 });
    expect(built.updatedAt).toBeInstanceOf(Date); // column default
    const picked = { id: built.id, trackingCode: built.trackingCode, status: built.status, channel: built.channel, unitId: built.unitId, deadline, idempotencyHash: built.idempotencyHash };
    expect(answer).toEqual(picked);
    const found = await withTenant(t.db, tehran, (tx) => findRequestByIdempotencyKey(tx, { tenantId: tehran, key: "built-900001" }));
    expect(found).toEqual(picked);
  });

  it("keep the order and the nulls of the timeline entries", async () => {
    const id = await withTenant(t.db, tehran, async (tx) => {
      const r = await insertRegistration(tx, row(900_003));
      await insertRegistrationEvents(tx, [
        { tenantId: tehran, requestId: r.id, at: new Date(), actorStaffId: null, type: "registered", fromStatus: null, toStatus: "registered", unitId: null, data: { channel: "phone" } },
        { tenantId: tehran, requestId: r.id, at: new Date(), actorStaffId: null, type: "referred", fromStatus: "registered", toStatus: "referred", unitId: null, data: null },
      ]);
      return r.id;
    });
    const events = await withTenant(t.db, tehran, (tx) => listRequestEvents(tx, { tenantId: tehran, requestId: id }));
    expect(events.map((e) => [e.type, e.fromStatus, e.data])).toEqual([["registered", null, { channel: "phone" }], ["referred", "registered", null]]);
  });

  it("run in the caller's transaction, under its city's row-level security", async () => {
    // Another city sees nothing by the key, whatever the statement was built with.
    expect(await withTenant(t.db, shiraz, (tx) => findRequestByIdempotencyKey(tx, { tenantId: tehran, key: "built-900001" }))).toBeNull();
    // A registration for another city than the transaction's is refused by RLS.
    await expect(withTenant(t.db, shiraz, (tx) => insertRegistration(tx, row(900_004)))).rejects.toThrow();
    // Rolled back with its transaction.
    await expect(
      withTenant(t.db, tehran, async (tx) => {
        await insertRegistration(tx, row(900_005));
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    const left = await withTenant(t.db, tehran, (tx) => tx.select({ id: requests.id }).from(requests).where(and(eq(requests.tenantId, tehran), eq(requests.seq, 900_005))));
    expect(left).toEqual([]);
    expect(await withTenant(t.db, tehran, (tx) => configVersion(tx, { tenantId: tehran }))).toBeGreaterThanOrEqual(0);
  });
});
