import net from "node:net";
import { once } from "node:events";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "./client";
import { commitBehind, withTenant, withoutTenant } from "./tenant";
import { createTestDb, type TestDb } from "./testing";
import { findTenantBySlug } from "./queries/tenants";
import { configVersion, findRequestByIdempotencyKey } from "./queries/requests";
import { categories } from "./schema";

/**
 * withTenant pipelines its settings with the transaction's first statements
 * (docs/decisions/034): whatever form that first statement takes, it must run
 * after the settings, as the city, and on Postgres it must travel in the same
 * round trip as BEGIN and the settings.
 */
let t: TestDb;
let tehran: string;
let shiraz: string;
beforeAll(async () => {
  t = await createTestDb();
  tehran = (await withoutTenant(t.db, (tx) => findTenantBySlug(tx, "tehran")))!.id;
  shiraz = (await withoutTenant(t.db, (tx) => findTenantBySlug(tx, "shiraz")))!.id;
});
afterAll(() => t?.close());

const rowsOf = <R>(out: unknown): R[] => (Array.isArray(out) ? out : (out as { rows: R[] }).rows) as R[];

describe("the first statement of a city's transaction runs as that city", () => {
  it("a raw statement sees the city's setting and role", async () => {
    for (const city of [tehran, shiraz]) {
      const [row] = await withTenant(t.db, city, async (tx) =>
        rowsOf<{ tenant: string; role: string }>(await tx.execute(sql`select current_setting('app.tenant_id') as tenant, current_user as role`)),
      );
      expect(row).toEqual({ tenant: city, role: "app_user" });
    }
  });

  it("a query-builder select, a built-once statement and two pipelined lookups see only the city's rows", async () => {
    const counts = async (city: string) =>
      withTenant(t.db, city, async (tx) => {
        const [mine, version, earlier] = await Promise.all([
          tx.select({ id: categories.id }).from(categories),
          configVersion(tx, { tenantId: city }),
          findRequestByIdempotencyKey(tx, { tenantId: city, key: "no-such-key" }),
        ]);
        return { mine: mine.length, version, earlier };
      });
    const [a, b] = [await counts(tehran), await counts(shiraz)];
    // positive control: the seeded cities have categories, so an empty answer would mean no tenant setting
    expect(a.mine).toBeGreaterThan(0);
    expect(b.mine).toBeGreaterThan(0);
    expect(a.earlier).toBeNull();
    const all = await t.owner.query<{ tenant_id: string; n: number }>("select tenant_id, count(*)::int as n from categories group by tenant_id");
    expect(a.mine).toBe(all.find((r) => r.tenant_id === tehran)!.n);
    expect(b.mine).toBe(all.find((r) => r.tenant_id === shiraz)!.n);
  });

  it("a failure in the first statements rolls the whole transaction back and is the one reported", async () => {
    await expect(
      withTenant(t.db, tehran, async (tx) => {
        await Promise.all([tx.execute(sql`create temporary table pipelined_probe (x int)`), tx.execute(sql`select 1/0`)]);
      }),
    ).rejects.toSatisfy((e: Error) => /division by zero/.test(String((e.cause as Error | undefined)?.message ?? e.message)));
    // the temporary table went with the rollback; a transaction on the same pool works normally
    const [row] = await withTenant(t.db, tehran, async (tx) =>
      rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from pg_tables where tablename = 'pipelined_probe'`)),
    );
    expect(row!.n).toBe(0);
  });
});

/** Counts what a client sends: each burst of bytes from postgres.js is one write, i.e. one round trip. */
async function countingProxy(target: URL) {
  const writes: number[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    client.on("data", (chunk) => {
      writes.push(chunk.length);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => client.write(chunk));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);
  return { url: url.toString(), writes, close: () => new Promise((r) => server.close(r)) };
}

describe.runIf(!!process.env.TEST_DATABASE_URL)("round trips on Postgres (docs/decisions/034)", () => {
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  let db: Database;
  beforeAll(async () => {
    proxy = await countingProxy(new URL(t.db.connectionString!));
    db = await createDatabase({ url: proxy.url, max: 1 });
  });
  afterAll(async () => {
    await db?.close();
    await proxy?.close();
  });

  it("BEGIN, the city's settings and the first statements go in one write; COMMIT in the next", async () => {
    const lookup = () =>
      withTenant(db, tehran, (tx) =>
        Promise.all([
          tx.execute(sql`select current_setting('app.tenant_id') as tenant`),
          configVersion(tx, { tenantId: tehran }),
          findRequestByIdempotencyKey(tx, { tenantId: tehran, key: "no-such-key" }),
        ]),
      );
    await lookup(); // connects and prepares the statements on the connection
    await lookup();
    const before = proxy.writes.length;
    const [setting] = await lookup();
    expect(rowsOf<{ tenant: string }>(setting)[0]!.tenant).toBe(tehran); // the lookups ran as the city
    expect(proxy.writes.length - before).toBe(2);
  });

  it("with commitBehind, BEGIN, the settings, the statements and COMMIT go in one write", async () => {
    const lookup = () =>
      withTenant(db, tehran, (tx) => {
        const p = Promise.all([tx.execute(sql`select current_setting('app.tenant_id') as tenant`), findRequestByIdempotencyKey(tx, { tenantId: tehran, key: "no-such-key" })]);
        commitBehind(tx);
        return p;
      });
    await lookup();
    await lookup();
    const before = proxy.writes.length;
    const [setting] = await lookup();
    expect(rowsOf<{ tenant: string }>(setting)[0]!.tenant).toBe(tehran);
    expect(proxy.writes.length - before).toBe(1);
  });
});

describe("commitBehind: COMMIT right behind the last statements", () => {
  const descriptionOf = async (city: string, id: string) =>
    (await withTenant(t.db, city, (tx) => tx.select({ descriptionEn: categories.descriptionEn }).from(categories).where(eq(categories.id, id))))[0]?.descriptionEn ?? null;
  let categoryId: string;
  beforeAll(async () => {
    const rows = await t.owner.query<{ id: string }>("select id from categories where tenant_id = $1 limit 1", [tehran]);
    categoryId = rows[0]!.id;
  });

  it("what was issued before it is committed, as the city", async () => {
    const out = await withTenant(t.db, tehran, (tx) => {
      const written = tx.update(categories).set({ descriptionEn: "pipelined-1" }).where(eq(categories.id, categoryId)).returning({ id: categories.id });
      const p = Promise.all([written]);
      commitBehind(tx);
      return p;
    });
    expect(out[0]).toHaveLength(1);
    expect(await descriptionOf(tehran, categoryId)).toBe("pipelined-1");
    // another city's transaction can neither see nor change the row
    expect(await descriptionOf(shiraz, categoryId)).toBeNull();
  });

  it("a failed statement before it rolls everything back and is the error reported", async () => {
    await expect(
      withTenant(t.db, tehran, (tx) => {
        const p = Promise.all([
          tx.update(categories).set({ descriptionEn: "pipelined-2" }).where(eq(categories.id, categoryId)).then(() => null),
          tx.execute(sql`select 1/0`),
        ]);
        commitBehind(tx);
        return p;
      }),
    ).rejects.toSatisfy((e: Error) => /division by zero/.test(String((e.cause as Error | undefined)?.message ?? e.message)));
    expect(await descriptionOf(tehran, categoryId)).toBe("pipelined-1");
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)("on Postgres a statement issued after waiting is refused: it would run outside the transaction", async () => {
    await expect(
      withTenant(t.db, tehran, async (tx) => {
        const first = tx.execute(sql`select 1`);
        commitBehind(tx);
        await first;
        await tx.update(categories).set({ descriptionEn: "pipelined-3" }).where(eq(categories.id, categoryId));
      }),
    ).rejects.toSatisfy((e: Error) => /TRANSACTION_COMMITTING|issued after commitNow/.test(String((e.cause as { code?: string } | undefined)?.code ?? "") + String((e.cause as Error | undefined)?.message ?? e.message)));
    expect(await descriptionOf(tehran, categoryId)).toBe("pipelined-1");
  });
});
