import { writeFileSync } from "node:fs";
import { normalizePersian, requestScope, type Viewer } from "@city137/core";
import { chooseListPlan, createDatabase, requestListQuery, withTenant, type RequestFilter } from "@city137/db";
import postgres from "postgres";
import { benchUrls } from "../lib/db-urls";
import { SEARCHES, type staffInputs } from "./cases";

type Inputs = Awaited<ReturnType<typeof staffInputs>>;

/** The filter packages/api's toFilter builds for these inputs (mirrored here; it is not exported). */
function filter(inputs: Inputs, viewer: Viewer, extra: Partial<RequestFilter>): RequestFilter {
  return { tenantId: inputs.tenantId, scope: requestScope(viewer), openOnly: true, limit: 50, offset: 0, words: [], ...extra };
}

const words = (q: string) => normalizePersian(q).toLowerCase().split(/[\s\u200c]+/u).filter(Boolean);

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the list queries exactly as packages/db
 * builds them, run as app_user inside a transaction with app.tenant_id set,
 * so the row-level security policy is part of each plan.
 */
export async function explainAll(inputs: Inputs, name: string): Promise<string> {
  const urls = benchUrls();
  const db = await createDatabase({ url: urls.app, max: 1 });
  const pg = postgres(urls.app, { max: 1, onnotice: () => {} });
  const unitIds = inputs.unitStaff.map((u) => u.id);
  const unitStaff: Viewer = { roles: ["unit_staff"], unitIds };
  const operator: Viewer = { roles: ["operator"], unitIds: [] };
  const cases: Array<[string, RequestFilter]> = [
    ["inbox: queue mine (unit staff)", filter(inputs, unitStaff, { unitIds })],
    [`inbox: queue unit ${inputs.busiest.code}`, filter(inputs, operator, { unitIds: [inputs.busiest.id] })],
    ["lookup: mobile", filter(inputs, operator, { mobile: inputs.mobiles[0], openOnly: false })],
    ...SEARCHES.map((q) => [`search: ${q}`, filter(inputs, operator, { words: words(q), openOnly: false })] as [string, RequestFilter]),
  ];
  let out = `EXPLAIN (ANALYZE, BUFFERS) as app_user with app.tenant_id = Tehran, ${new Date().toISOString()}\n`;
  try {
    for (const [name, f] of cases) {
      // Build the query with the package's own builder, then explain it on a plain connection.
      const { sql: text, params } = await withTenant(db, inputs.tenantId, async (tx) => requestListQuery(tx, f, await chooseListPlan(tx, f)).toSQL());
      const plan = await pg.begin(async (tx) => {
        await tx`select set_config('role', 'app_user', true), set_config('app.tenant_id', ${inputs.tenantId}, true)`;
        return tx.unsafe(`explain (analyze, buffers) ${text}`, params as never[]);
      });
      out += `\n== ${name}\n${text}\n${JSON.stringify(params)}\n${plan.map((r) => (r as Record<string, string>)["QUERY PLAN"]).join("\n")}\n`;
    }
  } finally {
    await pg.end();
    await db.close();
  }
  const file = new URL(`../../results/${name}-plans.txt`, import.meta.url);
  writeFileSync(file, out);
  return file.pathname;
}
