import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { requests } from "../schema";

/**
 * The most engaged citizens of a period, by mobile: their messages that the
 * city confirmed (resolved or closed), their other accepted messages, the
 * feedback they gave and the "me too" support they added. Rejected and
 * duplicate messages and corruption reports (whose reporters are protected)
 * do not count.
 */
type CitizenRow = { mobile: string; confirmed: number; accepted: number; feedback: number; supports: number; points: number };

export async function engagedCitizens(tx: Tx, p: { tenantId: string; from: Date; to: Date; limit: number }) {
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const res: unknown = await tx.execute(sql`
    with msg as (
      select citizen_mobile as mobile,
             count(*) filter (where status in ('resolved','closed'))::int as confirmed,
             count(*) filter (where status not in ('resolved','closed'))::int as accepted
      from requests
      where tenant_id = ${p.tenantId} and citizen_mobile is not null and kind <> 'corruption_report'
        and status not in ('rejected','duplicate')
        and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
      group by citizen_mobile
    ), fb as (
      select r.citizen_mobile as mobile, count(*)::int as feedback
      from request_feedback f join requests r on r.tenant_id = f.tenant_id and r.id = f.request_id
      where f.tenant_id = ${p.tenantId} and r.citizen_mobile is not null and r.kind <> 'corruption_report'
        and f.created_at >= ${from}::timestamptz and f.created_at < ${to}::timestamptz
      group by r.citizen_mobile
    ), sup as (
      select s.mobile, count(*)::int as supports
      from request_supporters s join requests r on r.tenant_id = s.tenant_id and r.id = s.request_id
      where s.tenant_id = ${p.tenantId} and s.mobile is not null and r.kind <> 'corruption_report' and r.status not in ('rejected','duplicate')
        and s.created_at >= ${from}::timestamptz and s.created_at < ${to}::timestamptz
      group by s.mobile
    ), everyone as (
      select mobile from msg union select mobile from fb union select mobile from sup
    )
    select e.mobile,
           coalesce(msg.confirmed, 0) as confirmed, coalesce(msg.accepted, 0) as accepted,
           coalesce(fb.feedback, 0) as feedback, coalesce(sup.supports, 0) as supports,
           (3 * coalesce(msg.confirmed, 0) + coalesce(msg.accepted, 0) + coalesce(fb.feedback, 0) + coalesce(sup.supports, 0))::int as points
    from everyone e
    left join msg on msg.mobile = e.mobile
    left join fb on fb.mobile = e.mobile
    left join sup on sup.mobile = e.mobile
    order by points desc, confirmed desc, e.mobile
    limit ${p.limit}
  `);
  // postgres.js answers with the rows, PGlite with { rows }.
  const rows = (Array.isArray(res) ? res : (res as { rows: CitizenRow[] }).rows) as CitizenRow[];
  return rows.map((r) => ({ mobile: r.mobile, confirmed: Number(r.confirmed), accepted: Number(r.accepted), feedback: Number(r.feedback), supports: Number(r.supports), points: Number(r.points) }));
}

/**
 * Recurring problems for the council: messages per category and region in the
 * period and in the period before it (same length), largest first, with up to
 * three recent examples each. Corruption reports are left out.
 */
export async function councilProblems(tx: Tx, p: { tenantId: string; from: Date; to: Date; minCount: number; limit: number }) {
  const before = new Date(p.from.getTime() - (p.to.getTime() - p.from.getTime()));
  const base = and(eq(requests.tenantId, p.tenantId), sql`${requests.kind} <> 'corruption_report'`, sql`${requests.status} not in ('rejected','duplicate')`);
  const inPeriod = sql`${requests.createdAt} >= ${p.from.toISOString()}::timestamptz`;
  const groups = await tx
    .select({
      categoryId: requests.categoryId,
      regionId: sql<string | null>`${requests.regionId}::text`,
      count: sql<number>`(count(*) filter (where ${inPeriod}))::int`,
      previous: sql<number>`(count(*) filter (where not ${inPeriod}))::int`,
    })
    .from(requests)
    .where(and(base, gte(requests.createdAt, before), lt(requests.createdAt, p.to)))
    .groupBy(requests.categoryId, requests.regionId)
    .having(sql`count(*) filter (where ${inPeriod}) >= ${p.minCount}`)
    .orderBy(sql`count(*) filter (where ${inPeriod}) desc`, requests.categoryId)
    .limit(p.limit);
  const out = [];
  for (const g of groups) {
    const examples = await tx
      .select({ trackingCode: requests.trackingCode, description: requests.description, createdAt: requests.createdAt })
      .from(requests)
      .where(and(base, eq(requests.categoryId, g.categoryId), g.regionId ? sql`${requests.regionId} = ${g.regionId}::uuid` : sql`${requests.regionId} is null`, gte(requests.createdAt, p.from), lt(requests.createdAt, p.to)))
      .orderBy(desc(requests.createdAt))
      .limit(3);
    out.push({ ...g, examples });
  }
  return out;
}
