import postgres from "postgres";
import { benchUrls } from "../lib/db-urls";

const OPEN = ["registered", "referred", "in_progress", "reopened"];

/**
 * Search words of different frequency in the generated descriptions
 * (common category words, streets down the Zipf curve, a rare detail, one
 * absent word) and two-word searches.
 */
export const SEARCHES = ["زباله", "درخت", "ولیعصر", "جمالزاده", "داربست", "هواپیما", "زباله ولیعصر", "چاله شریعتی"];

/** What the staff paths are called with, drawn from the generated data (read as the owner). */
export async function staffInputs(calls: number) {
  const sql = postgres(benchUrls().owner, { max: 1, onnotice: () => {} });
  try {
    const [t] = await sql<{ id: string; max: number }[]>`
      select t.id, c.value::int as max from tenants t join tenant_counters c on c.tenant_id = t.id and c.name = 'tracking' where t.slug = 'tehran'`;
    if (!t || !t.max) throw new Error("no generated messages for Tehran: run bench:generate first");
    const tenantId = t.id;
    const seqs = Array.from({ length: calls }, () => 1 + Math.floor(Math.random() * t.max));
    // Codes the operator may open: corruption reports are for inspectors only (NOT_FOUND to others, counted as an error).
    const codes = (await sql<{ code: string }[]>`select tracking_code as code from requests where tenant_id = ${tenantId} and seq = any(${seqs}) and kind <> 'corruption_report'`).map((r) => r.code);
    // A sample of stored numbers: frequent callers turn up more often, as they do on the phone.
    const mobiles = (await sql<{ m: string }[]>`
      select citizen_mobile as m from requests tablesample system (1) repeatable (137)
      where tenant_id = ${tenantId} and citizen_mobile is not null limit ${calls}`).map((r) => r.m);
    const units = await sql<{ id: string; code: string; open: number }[]>`
      select u.id, u.code, count(r.*)::int as open
      from units u left join requests r on r.tenant_id = u.tenant_id and r.unit_id = u.id and r.status = any(${OPEN})
      where u.tenant_id = ${tenantId} and (u.kind = 'district_office' or u.code in ('R01-OFFICE', 'R01-D01-OFFICE'))
      group by u.id, u.code order by open desc`;
    const busiest = units[0]!;
    const unitStaff = units.filter((u) => u.code === "R01-OFFICE" || u.code === "R01-D01-OFFICE");
    const [mobileStats] = await sql<{ max: number }[]>`
      select max(n)::int as max from (select count(*) as n from requests where tenant_id = ${tenantId} and citizen_mobile = any(${mobiles}) group by citizen_mobile) x`;
    const wordCounts: Record<string, number> = {};
    for (const q of SEARCHES) {
      const likes = q.split(" ").map((w) => sql`search_text like ${"%" + w + "%"}`);
      const where = likes.reduce((a, b) => sql`${a} and ${b}`);
      const [c] = await sql<{ n: number }[]>`select count(*)::int as n from requests where tenant_id = ${tenantId} and ${where}`;
      wordCounts[q] = c!.n;
    }
    return { tenantId, messages: t.max, codes, mobiles, busiest, unitStaff, mobileMaxMessages: mobileStats?.max ?? 0, wordCounts };
  } finally {
    await sql.end();
  }
}
