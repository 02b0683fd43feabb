import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../testing";
import { withPlatform, withTenant, withoutTenant } from "../tenant";
import { listTenantsOverview } from "../queries";
import { categories, staff, staffUnits, units } from "../schema";
import { catalogueProblems, tenantTables } from "./catalogue";
import { TABLE_SPECS, checkTable, type CityFixture } from "./matrix";

let t: TestDb;
let tehran: CityFixture;
let shiraz: CityFixture;

async function fixture(slug: string): Promise<CityFixture> {
  const cities = await withPlatform(t.db, (tx) => listTenantsOverview(tx));
  const tenantId = cities.find((c) => c.slug === slug)!.id;
  return withTenant(t.db, tenantId, async (tx) => {
    const [s] = await tx.select({ id: staff.id }).from(staff).where(eq(staff.tenantId, tenantId)).limit(1);
    const [u] = await tx.select({ id: units.id }).from(units).where(eq(units.tenantId, tenantId)).limit(1);
    const [c] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.tenantId, tenantId)).limit(1);
    return { tenantId, staffId: s!.id, unitId: u!.id, categoryId: c!.id };
  });
}

beforeAll(async () => {
  t = await createTestDb();
  tehran = await fixture("tehran");
  shiraz = await fixture("shiraz");
});
afterAll(() => t?.close());

describe("catalogue", () => {
  it("every tenant table is isolated and the runtime roles cannot bypass it", async () => {
    expect(await tenantTables(t.owner)).toEqual(expect.arrayContaining(["staff", "areas", "categories", "sessions"]));
    expect(await catalogueProblems(t.owner)).toEqual([]);
  });

  it("notices a table that lost its forced RLS or its policy (positive control)", async () => {
    const scratch = await createTestDb({ seed: false });
    try {
      await scratch.owner.exec("alter table areas no force row level security; drop policy tenant_isolation on units;");
      const problems = await catalogueProblems(scratch.owner);
      expect(problems).toContain("areas: row-level security is not forced");
      expect(problems).toContain("units: no tenant policy for command r");
    } finally {
      await scratch.close();
    }
  });
});

describe("isolation matrix (Tehran vs Shiraz)", () => {
  it("has a spec for every tenant table, so a new table cannot slip through", async () => {
    expect((await tenantTables(t.owner)).sort()).toEqual(Object.keys(TABLE_SPECS).sort());
  });

  for (const name of Object.keys(TABLE_SPECS)) {
    it(`${name}: own city allowed, other city and no city denied`, async () => {
      expect(await checkTable(t.db, name, tehran, shiraz)).toEqual([]);
      expect(await checkTable(t.db, name, shiraz, tehran)).toEqual([]);
    });
  }

  it("goes red when a table's RLS is switched off (the check can fail)", async () => {
    const scratch = await createTestDb();
    try {
      const cities = await withPlatform(scratch.db, (tx) => listTenantsOverview(tx));
      const ids = (slug: string) => cities.find((c) => c.slug === slug)!.id;
      const fx = async (tenantId: string) =>
        withTenant(scratch.db, tenantId, async (tx) => {
          const [s] = await tx.select({ id: staff.id }).from(staff).limit(1);
          const [u] = await tx.select({ id: units.id }).from(units).limit(1);
          const [c] = await tx.select({ id: categories.id }).from(categories).limit(1);
          return { tenantId, staffId: s!.id, unitId: u!.id, categoryId: c!.id };
        });
      const a = await fx(ids("tehran"));
      const b = await fx(ids("qom"));
      // A table without the configuration-version trigger (on areas, that trigger's own write into
      // another city's counter would still be refused, hiding the policy's absence from the update check).
      await scratch.owner.exec("alter table api_keys disable row level security");
      const problems = await checkTable(scratch.db, "api_keys", a, b);
      expect(problems).toContain("api_keys: select other was allowed, expected denied");
      expect(problems).toContain("api_keys: update other was allowed, expected denied");
    } finally {
      await scratch.close();
    }
    // a database of its own, migrated and seeded (≈ 30 s on PGlite alone; more beside another suite)
  }, 180_000);

  it("a foreign key cannot point into another city", async () => {
    await expect(
      withTenant(t.db, tehran.tenantId, (tx) =>
        tx.insert(staffUnits).values({ tenantId: tehran.tenantId, staffId: tehran.staffId, unitId: shiraz.unitId }),
      ),
    ).rejects.toThrow();
    // control: the same insert with Tehran's own new unit succeeds
    await withTenant(t.db, tehran.tenantId, async (tx) => {
      const [u] = await tx
        .insert(units)
        .values({ tenantId: tehran.tenantId, code: "FK-CONTROL", kind: "hq", nameFa: "آزمون", nameEn: "Test" })
        .returning({ id: units.id });
      await tx.insert(staffUnits).values({ tenantId: tehran.tenantId, staffId: tehran.staffId, unitId: u!.id });
      const rows = await tx
        .select()
        .from(staffUnits)
        .where(and(eq(staffUnits.tenantId, tehran.tenantId), eq(staffUnits.unitId, u!.id)));
      expect(rows).toHaveLength(1);
    });
  });

  it("a malformed tenant id answers NOT_FOUND without touching the database", async () => {
    await expect(withTenant(t.db, "tehran' or 1=1 --", async () => 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("connection pool bleed", () => {
  it("concurrent transactions alternating cities on a small pool never see each other's rows", async () => {
    const pooled = await createTestDb({ poolSize: 2 });
    try {
      const cities = await withPlatform(pooled.db, (tx) => listTenantsOverview(tx));
      const seen = await Promise.all(
        Array.from({ length: 120 }, (_, i) => {
          const city = cities[i % cities.length]!;
          return withTenant(pooled.db, city.id, async (tx) => {
            const rows = await tx.select({ tenantId: staff.tenantId }).from(staff);
            const [setting] = await tx.execute<{ v: string }>(sql`select current_setting('app.tenant_id', true) as v`)
              .then((r) => ("rows" in (r as object) ? (r as unknown as { rows: { v: string }[] }).rows : (r as unknown as { v: string }[])));
            return { expected: city.id, rows: rows.map((r) => r.tenantId), setting: setting!.v };
          });
        }),
      );
      for (const s of seen) {
        expect(s.rows.length).toBeGreaterThan(0); // control: each city sees its own staff
        expect(new Set(s.rows)).toEqual(new Set([s.expected]));
        expect(s.setting).toBe(s.expected);
      }
      // After the transactions end, the pooled connections carry no city.
      const leftovers = await Promise.all(
        Array.from({ length: 4 }, () => withoutTenant(pooled.db, (tx) => tx.select().from(staff))),
      );
      expect(leftovers.every((rows) => rows.length === 0)).toBe(true);
    } finally {
      await pooled.close();
    }
  });
});

describe("the registry of cities", () => {
  it("a city may change its own branding, not another city's, and never its slug or status", async () => {
    const { tenants } = await import("../schema");
    const rename = (as: CityFixture, target: string, nameEn: string) =>
      withTenant(t.db, as.tenantId, (tx) => tx.update(tenants).set({ nameEn }).where(eq(tenants.id, target)).returning());
    expect(await rename(tehran, tehran.tenantId, "Tehran")).toHaveLength(1); // control
    expect(await rename(tehran, shiraz.tenantId, "Hijacked")).toHaveLength(0);
    await expect(
      withTenant(t.db, tehran.tenantId, (tx) => tx.update(tenants).set({ status: "archived" }).where(eq(tenants.id, tehran.tenantId))),
    ).rejects.toThrow();
    await expect(
      withTenant(t.db, tehran.tenantId, (tx) => tx.update(tenants).set({ slug: "tehran2" }).where(eq(tenants.id, tehran.tenantId))),
    ).rejects.toThrow();
    const names = await withoutTenant(t.db, (tx) => tx.select({ slug: tenants.slug, nameEn: tenants.nameEn, status: tenants.status }).from(tenants));
    expect(names.find((n) => n.slug === "shiraz")).toEqual({ slug: "shiraz", nameEn: "Shiraz", status: "active" });
    expect(names.find((n) => n.slug === "tehran")?.status).toBe("active");
  });
});
