import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "../auth/rate-limit";
import { appRouter } from "../root";
import { createTestApi, type TestApi } from "../test-utils";
import { createCallerFactory, createContextFactory } from "../trpc";

let api: TestApi;
let key = 0;
const k = () => `config-cache-${Date.now()}-${++key}`;
const NOW = new Date("2026-11-22T10:00:00+03:30"); // Sunday 10:00 in Tehran

beforeAll(async () => {
  api = await createTestApi();
  api.setNow(NOW);
});
afterAll(() => api?.close());

/** A second API instance over the same database: its own caches, the same data. */
function secondInstance() {
  const context = createContextFactory({ db: api.db, now: () => NOW, signInLimiter: new RateLimiter(1000, 60_000) });
  return (token: string) => createCallerFactory(appRouter)(context({ token, ip: "203.0.113.8" }));
}

describe("the intake's cached city configuration", () => {
  it("follows a change made on another instance at the next registration", async () => {
    const adminToken = await api.signIn("tehran", "tehran.admin");
    const admin = api.caller(adminToken);
    const opToken = await api.signIn("tehran", "tehran.operator");
    const here = api.caller(opToken);
    const there = secondInstance()(opToken);
    const waste = (await admin.category.list()).find((c) => c.code === "waste.collection")!;
    const message = () => ({ idempotencyKey: k(), kind: "complaint" as const, categoryId: waste.id, channel: "phone" as const, description: "زباله جمع نشده است", attributes: { waste_type: "household" }, lat: 35.82, lon: 51.101 });

    // Both instances have registered once, so both hold the configuration in memory.
    const before = await here.request.create(message());
    expect((await there.request.create(message())).deadline).toBe(before.deadline);
    expect(before.deadline).toBe(new Date("2026-11-23T10:00:00+03:30").toISOString()); // one working day

    // The admin, on this instance, halves the SLA; the other instance's next message has the new deadline.
    const { id, createdAt: _c, tenantId: _t, active: _a, ...fields } = waste as typeof waste & { createdAt: unknown; tenantId: unknown; active: unknown };
    await admin.category.update({ ...(fields as Record<string, unknown>), id, slaMinutes: 4 * 60 } as Parameters<typeof admin.category.update>[0]);
    const after = await there.request.create(message());
    expect(after.deadline).toBe(new Date("2026-11-22T14:00:00+03:30").toISOString());

    // And a deactivated category is refused at once, by name, on both.
    await admin.category.setActive({ id, active: false });
    for (const caller of [here, there]) {
      await expect(caller.request.create(message())).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await admin.category.setActive({ id, active: true });
    expect((await there.request.create(message())).status).toBe("referred");
  });
});
