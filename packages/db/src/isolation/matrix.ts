import { getTableColumns } from "drizzle-orm";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../client";
import { protectedReports, requests, units } from "../schema";
import { withoutTenant, withTenant } from "../tenant";
import { TABLE_SPECS, reportRow, requestRow, tag, type CityFixture, type TableSpec } from "./table-specs";

export { TABLE_SPECS, type CityFixture } from "./table-specs";

type Outcome = "allowed" | "denied";

/** A statement that errors, or touches no row, counts as denied. */
async function attempt(run: () => Promise<unknown>): Promise<{ outcome: Outcome; rows: number }> {
  try {
    await run();
  } catch (err) {
    if (err instanceof Rollback) return { outcome: err.value > 0 ? "allowed" : "denied", rows: err.value };
  }
  return { outcome: "denied", rows: 0 };
}

/**
 * Each command as own city, other city and no city, against one table.
 * Returns sentences for every cell that differs from the rule; every
 * negative cell sits next to a positive control that must succeed.
 */
export async function checkTable(db: Database, name: string, own: CityFixture, other: CityFixture) {
  const spec = TABLE_SPECS[name];
  if (!spec) return [`${name}: no isolation spec`];
  const t = spec.table;
  const problems: string[] = [];
  const expect = (cell: string, got: Outcome, want: Outcome) => {
    if (got !== want) problems.push(`${name}: ${cell} was ${got}, expected ${want}`);
  };
  // Each attempt runs in its own transaction and rolls back, so one denied
  // statement cannot poison the next and nothing is left behind.
  const asCity = (f: CityFixture | null, body: (tx: Tx) => Promise<number>) =>
    attempt(() =>
      (f ? withTenant(db, f.tenantId, (tx) => rollingBack(tx, body)) : withoutTenant(db, (tx) => rollingBack(tx, body))),
    );
  const countOf = (tenantId: string) => async (tx: Tx) =>
    (await tx.select({ n: sql<number>`count(*)::int` }).from(t).where(eq(t.tenantId, tenantId)))[0]!.n;
  const insertFor = (rowOf: CityFixture) => async (tx: Tx) => {
    const f = { ...rowOf };
    if (spec.freshUnit) f.unitId = await freshUnit(tx, f);
    if (spec.freshRequest) f.requestId = await freshRequest(tx, f);
    if (spec.freshReport) f.reportId = await freshReport(tx, f);
    return (await tx.insert(t).values(spec.newRow(f) as never).returning()).length;
  };
  const updateOf = (tenantId: string) => async (tx: Tx) =>
    (await tx.update(t).set(spec.change as never).where(eq(t.tenantId, tenantId)).returning()).length;
  const deleteOf = (tenantId: string) => async (tx: Tx) =>
    (await tx.delete(t).where(eq(t.tenantId, tenantId)).returning()).length;
  // Deleting every own row would trip foreign keys; delete a fresh one.
  const deleteFresh = (f: CityFixture) => async (tx: Tx) => {
    const copy = { ...f };
    if (spec.freshUnit) copy.unitId = await freshUnit(tx, copy);
    if (spec.freshRequest) copy.requestId = await freshRequest(tx, copy);
    if (spec.freshReport) copy.reportId = await freshReport(tx, copy);
    const [row] = (await tx.insert(t).values(spec.newRow(copy) as never).returning()) as Record<string, unknown>[];
    const key = spec.key;
    return (await tx.delete(t).where(and(eq(t.tenantId, f.tenantId), eq(key, row![keyProp(spec)]))).returning()).length;
  };

  // Both cities hold at least one committed row, so no cell is vacuous.
  for (const f of [own, other]) await withTenant(db, f.tenantId, insertFor(f));

  expect("select own (control)", (await asCity(own, countOf(own.tenantId))).outcome, "allowed");
  expect("select other", (await asCity(own, countOf(other.tenantId))).outcome, "denied");
  expect("select with no city", (await asCity(null, countOf(own.tenantId))).outcome, "denied");

  expect("insert own (control)", (await asCity(own, insertFor(own))).outcome, "allowed");
  expect("insert other", (await asCity(own, insertFor(other))).outcome, "denied");
  expect("insert with no city", (await asCity(null, insertFor(own))).outcome, "denied");

  const writable: Outcome = spec.appendOnly ? "denied" : "allowed";
  expect("update own (control)", (await asCity(own, updateOf(own.tenantId))).outcome, writable);
  expect("update other", (await asCity(own, updateOf(other.tenantId))).outcome, "denied");
  expect("update with no city", (await asCity(null, updateOf(own.tenantId))).outcome, "denied");

  expect("delete own (control)", (await asCity(own, deleteFresh(own))).outcome, writable);
  expect("delete other", (await asCity(own, deleteOf(other.tenantId))).outcome, "denied");
  expect("delete with no city", (await asCity(null, deleteOf(own.tenantId))).outcome, "denied");
  return problems;
}

async function freshRequest(tx: Tx, f: CityFixture): Promise<string> {
  const [r] = await tx.insert(requests).values(requestRow(f) as never).returning({ id: requests.id });
  return r!.id;
}

async function freshReport(tx: Tx, f: CityFixture): Promise<string> {
  const [r] = await tx.insert(protectedReports).values(reportRow(f) as never).returning({ id: protectedReports.id });
  return r!.id;
}

function keyProp(spec: TableSpec): string {
  const entry = Object.entries(getTableColumns(spec.table)).find(([, c]) => c === spec.key);
  return entry![0];
}

class Rollback extends Error {
  constructor(readonly value: number) {
    super("rollback");
  }
}

async function rollingBack(tx: Tx, body: (tx: Tx) => Promise<number>): Promise<number> {
  const value = await body(tx);
  throw new Rollback(value);
}

/** staff_units needs a (staff, unit) pair not linked yet. */
async function freshUnit(tx: Tx, f: CityFixture): Promise<string> {
  const [u] = await tx
    .insert(units)
    .values({ tenantId: f.tenantId, code: `T${tag()}`, kind: "hq", nameFa: "آزمون", nameEn: "Test" })
    .returning({ id: units.id });
  return u!.id;
}
