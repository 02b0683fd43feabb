import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueOutbox, listDeadOutbox, withTenant } from "@city137/db";
import type { Dispatcher, OutboxMessage } from "./dispatcher";
import { relayOutbox } from "./relay";
import { outboxRows, seededDb } from "./test-fixtures";

let t: Awaited<ReturnType<typeof seededDb>>;
beforeAll(async () => {
  t = await seededDb();
});
afterAll(() => t?.close());

let n = 0;
const put = (tenantId: string, topic = "sms.test") =>
  withTenant(t.db, tenantId, async (tx) => {
    const dedupeKey = `test:${++n}`;
    await enqueueOutbox(tx, { tenantId, topic, dedupeKey, payload: { requestId: `r${n}`, mobile: "09120000000" } });
    return dedupeKey;
  });
const row = async (key: string) => (await outboxRows(t.owner)).find((o) => o.dedupe_key === key)!;

/** Records every message; fails those whose topic is in `failing`. */
function recorder(failing: string[] = [], delayMs = 0) {
  const seen: OutboxMessage[] = [];
  const dispatcher: Dispatcher = {
    dispatch: async (m) => {
      seen.push(m);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (failing.includes(m.topic)) throw new Error(`provider down for ${m.topic}`);
    },
  };
  return { seen, dispatcher };
}

const later = () => new Date(Date.now() + 60_000);

describe("outbox relay", () => {
  it("hands each unsent row to the dispatcher once and marks it sent", async () => {
    const keys = [await put(t.tehran), await put(t.tehran), await put(t.tehran)];
    const { seen, dispatcher } = recorder();
    const result = await relayOutbox(t.db, { tenantId: t.tehran, dispatcher, now: later() });
    expect(result).toEqual({ sent: 3, failed: 0, dead: 0 });
    expect(seen.map((m) => [m.tenantId, m.dedupeKey, m.topic, m.attempt])).toEqual(keys.map((k) => [t.tehran, k, "sms.test", 1]));
    for (const k of keys) expect(await row(k)).toMatchObject({ attempts: 1, last_error: null, sent: true });
    expect(await relayOutbox(t.db, { tenantId: t.tehran, dispatcher, now: later() })).toEqual({ sent: 0, failed: 0, dead: 0 });
  });

  it("retries a failing row with backoff, then stops after the last attempt and lists it as a dead letter", async () => {
    const key = await put(t.tehran, "sms.broken");
    const { seen, dispatcher } = recorder(["sms.broken"]);
    // Postgres keeps the row's microseconds, a Date only milliseconds: a millisecond on, the row is due.
    const created = new Date(Date.now() + 1);
    const relay = (now: Date) => relayOutbox(t.db, { tenantId: t.tehran, dispatcher, now, maxAttempts: 4, retryBaseMs: 60_000 });

    expect(await relay(created)).toEqual({ sent: 0, failed: 1, dead: 0 });
    expect(await row(key)).toMatchObject({ attempts: 1, sent: false, last_error: "provider down for sms.broken" });
    // Second attempt not before 1 minute after the row was written, third not before 3, fourth not before 7.
    expect(await relay(new Date(created.getTime() + 30_000))).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(await relay(new Date(created.getTime() + 2 * 60_000))).toEqual({ sent: 0, failed: 1, dead: 0 });
    expect(await relay(new Date(created.getTime() + 2 * 60_000))).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(await relay(new Date(created.getTime() + 4 * 60_000))).toEqual({ sent: 0, failed: 1, dead: 0 });
    expect(await relay(new Date(created.getTime() + 8 * 60_000))).toEqual({ sent: 0, failed: 1, dead: 1 });
    expect(await relay(new Date(created.getTime() + 600 * 60_000))).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(seen.filter((m) => m.dedupeKey === key).map((m) => m.attempt)).toEqual([1, 2, 3, 4]);
    expect(await row(key)).toMatchObject({ attempts: 4, sent: false });

    const dead = await withTenant(t.db, t.tehran, (tx) => listDeadOutbox(tx, { tenantId: t.tehran, maxAttempts: 4 }));
    expect(dead.map((d) => [d.dedupeKey, d.attempts, d.lastError])).toEqual([[key, 4, "provider down for sms.broken"]]);
    // Shiraz's list does not show Tehran's dead letter.
    expect(await withTenant(t.db, t.shiraz, (tx) => listDeadOutbox(tx, { tenantId: t.shiraz, maxAttempts: 4 }))).toEqual([]);
  });

  it("keeps sending the rest of a batch when one row fails, and retries at the default maximum of 8", async () => {
    const bad = await put(t.tehran, "sms.flaky");
    const good = await put(t.tehran);
    const { dispatcher } = recorder(["sms.flaky"]);
    for (let i = 0; i < 10; i++) await relayOutbox(t.db, { tenantId: t.tehran, dispatcher, now: later(), retryBaseMs: 0 });
    expect(await row(good)).toMatchObject({ attempts: 1, sent: true });
    expect(await row(bad)).toMatchObject({ attempts: 8, sent: false });
  });

  it("times out a dispatch that hangs and counts it as failed", async () => {
    const key = await put(t.tehran, "sms.slow");
    const { dispatcher } = recorder([], 500);
    const result = await relayOutbox(t.db, { tenantId: t.tehran, dispatcher, now: later(), dispatchTimeoutMs: 50 });
    expect(result).toMatchObject({ failed: 1 });
    expect((await row(key)).last_error).toMatch(/timed out/);
    // The next run (no timeout pressure) sends it.
    await relayOutbox(t.db, { tenantId: t.tehran, dispatcher: recorder().dispatcher, now: later(), retryBaseMs: 0 });
    expect((await row(key)).sent).toBe(true);
  });

  it("relays only its own city's rows", async () => {
    const tehranKey = await put(t.tehran);
    const shirazKey = await put(t.shiraz);
    const { seen, dispatcher } = recorder();
    await relayOutbox(t.db, { tenantId: t.shiraz, dispatcher, now: later() });
    expect(seen.map((m) => [m.tenantId, m.dedupeKey])).toEqual([[t.shiraz, shirazKey]]);
    expect((await row(tehranKey)).sent).toBe(false);
    expect(await relayOutbox(t.db, { tenantId: "00000000-0000-4000-8000-000000000000", dispatcher, now: later() })).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(await relayOutbox(t.db, { tenantId: "not-a-city", dispatcher, now: later() })).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(seen).toHaveLength(1);
    await relayOutbox(t.db, { tenantId: t.tehran, dispatcher, now: later() });
    expect((await row(tehranKey)).sent).toBe(true);
  });

  it("never hands a row to two relays running at once", async () => {
    const keys: string[] = [];
    for (let i = 0; i < 30; i++) keys.push(await put(t.tehran));
    const { seen, dispatcher } = recorder([], 5);
    const [a, b] = await Promise.all([
      relayOutbox(t.db, { tenantId: t.tehran, dispatcher, now: later(), batchSize: 10 }),
      relayOutbox(t.db, { tenantId: t.tehran, dispatcher, now: later(), batchSize: 10 }),
    ]);
    expect(a.sent + b.sent).toBe(30);
    const mine = seen.filter((m) => keys.includes(m.dedupeKey)).map((m) => m.dedupeKey);
    expect(mine.sort()).toEqual([...keys].sort());
  });
});
