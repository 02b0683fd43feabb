/**
 * bench:generate — fills the bench database with a year of citizen messages.
 *
 *   npx -y pnpm@9.15.9 bench:generate [--scale 1] [--seed 137] [--days 365] [--end 2026-11-25] [--cities tehran,mashhad,qom,shiraz]
 *
 * Drops and recreates the dedicated database (BENCH_OWNER_URL, default
 * postgres://postgres@127.0.0.1:5432/city137_bench), migrates it with the
 * project's runMigrations and seeds the four demo cities with seedDemo; then
 * bulk-loads requests and their timelines with COPY.
 *
 * This is a bench tool, not a product path: it writes as the owner role and
 * bypasses the runtime role and row-level security on purpose (COPY into a
 * table with forced RLS needs a role that bypasses it). Secondary indexes and
 * foreign keys are dropped during the load and rebuilt afterwards, and that
 * rebuild is part of the measured time. Same seed, scale, days and end date:
 * the same messages (ids of cities, categories and units come from seedDemo).
 */
import { createDatabase, listActiveTenants, rebuildInsightCity, runMigrations, seedDemo, withoutTenant, withTenant } from "@city137/db";
import { fromTehranDayMinute, tehranDayAndMinute } from "@city137/core";
import postgres, { type Sql } from "postgres";
import { numberArg, parseArgs } from "../lib/args";
import { benchUrls } from "../lib/db-urls";
import { writeResult } from "../lib/results";
import { printTable } from "../lib/stats";
import { CityGenerator, loadCity } from "./city";
import { CopyWriter, EVENT_COLUMNS, REQUEST_COLUMNS, eventLines, requestLine } from "./copy";
import { CITY_VOLUMES, dayWeights, drawCreatedAt } from "./model";
import { Rng } from "./random";

const args = parseArgs();
const scale = numberArg(args, "scale", 1);
const seed = args.get("seed") ?? "137";
const days = numberArg(args, "days", 365);
const slugs = (args.get("cities") ?? "tehran,mashhad,qom,shiraz").split(",");
const endDay = args.has("end") ? Math.floor(Date.parse(`${args.get("end")}T00:00:00Z`) / 86_400_000) : tehranDayAndMinute(new Date()).day;
const end = fromTehranDayMinute(endDay, 0).getTime();
const urls = benchUrls();

const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;
const phases: Record<string, number> = {};
async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  process.stdout.write(`${name} … `);
  const out = await fn();
  phases[name] = seconds(t0);
  console.log(`${phases[name]} s`);
  return out;
}

async function recreateDatabase() {
  const admin = postgres(urls.admin, { max: 1, onnotice: () => {} });
  try {
    const [me] = await admin<{ ok: boolean }[]>`select rolsuper or rolbypassrls as ok from pg_roles where rolname = current_user`;
    if (!me?.ok) throw new Error("bench:generate bulk-loads past row-level security: BENCH_OWNER_URL needs a superuser or a BYPASSRLS role");
    await admin.unsafe(`drop database if exists "${urls.database}" with (force)`);
    await admin.unsafe(`create database "${urls.database}"`);
  } finally {
    await admin.end();
  }
}

async function migrateAndSeed() {
  const db = await createDatabase({ url: urls.owner, max: 1, applicationName: "city137-bench-generate" });
  try {
    await runMigrations(db);
    await seedDemo(db);
  } finally {
    await db.close();
  }
  // The API logs in as app_user (infra/postgres/roles.sql gives it LOGIN on a real server). On a
  // fresh server the migrations have only just created it, without LOGIN.
  const admin = postgres(urls.admin, { max: 1, onnotice: () => {} });
  try {
    const appUser = new URL(urls.app).username;
    const [role] = await admin<{ login: boolean }[]>`select rolcanlogin as login from pg_roles where rolname = ${appUser}`;
    if (role && !role.login) {
      console.log(`note: giving ${appUser} LOGIN, as infra/postgres/roles.sql does`);
      await admin.unsafe(`alter role "${appUser}" login`);
    }
  } finally {
    await admin.end();
  }
}

const BULK = ["requests", "request_events", "request_words"];

interface Definition {
  table: string;
  name: string;
  def: string;
  kind: "p" | "u" | "f" | "i";
}

/**
 * Keys, unique constraints, indexes and foreign keys on (or pointing at) the bulk-loaded tables:
 * messages, their timelines and their description words.
 */
async function definitions(sql: Sql): Promise<Definition[]> {
  const constraints = await sql<Definition[]>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def, contype as kind
    from pg_constraint
    where contype in ('p', 'u', 'f')
      and (conrelid = any(${BULK}::regclass[]) or confrelid = any(${BULK}::regclass[]))`;
  const indexes = await sql<Definition[]>`
    select i.indrelid::regclass::text as table, c.relname as name, pg_get_indexdef(i.indexrelid) as def, 'i' as kind
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = any(${BULK}::regclass[])
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x'))`;
  return [...constraints, ...indexes];
}

async function dropAll(sql: Sql, defs: Definition[]) {
  for (const kind of ["f", "u", "p", "i"] as const) {
    for (const d of defs.filter((x) => x.kind === kind)) {
      await sql.unsafe(kind === "i" ? `drop index "${d.name}"` : `alter table ${d.table} drop constraint "${d.name}"`);
    }
  }
}

/** COPY … FREEZE in a transaction that truncated the table: rows arrive frozen and visible, no later VACUUM needed. */
function openCopy(sql: Sql, table: string, columns: string[]): Promise<{ writer: CopyWriter; commit: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const tx = sql.begin(async (t) => {
      await t.unsafe(`truncate ${table}`);
      const writer = new CopyWriter(await t.unsafe(`copy ${table} (${columns.join(", ")}) from stdin with (freeze)`).writable());
      resolve({ writer, commit: async () => { await writer.end(); release(); await tx; } }); // prettier-ignore
      await released;
    });
    tx.catch(reject);
  });
}

async function load(sql: Sql) {
  const requests = await openCopy(sql, "requests", REQUEST_COLUMNS);
  const events = await openCopy(sql, "request_events", EVENT_COLUMNS);
  const perCity: Array<{ city: string; requests: number; events: number; open: number }> = [];
  const t0 = performance.now();
  let lastReport = t0;
  for (const slug of slugs) {
    const city = await loadCity(sql, slug);
    const rng = new Rng(`${seed}:${slug}`);
    const n = Math.round((CITY_VOLUMES[slug] ?? 100_000) * scale);
    const { weights, stormDays } = dayWeights(endDay - days, days, rng);
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = drawCreatedAt(weights, rng);
    times.sort();
    const gen = new CityGenerator(city, n, end, rng);
    const eventIds = new Rng(`${seed}:${slug}:events`);
    const id = () => eventIds.uuid();
    let eventCount = 0, open = 0; // prettier-ignore
    for (let i = 0; i < n; i++) {
      const at = times[i]!;
      const r = gen.next(i + 1, at, stormDays.has(tehranDayAndMinute(new Date(at)).day));
      eventCount += r.life.events.length;
      if (["registered", "referred", "in_progress", "reopened"].includes(r.life.status)) open++;
      const a = requests.writer.write(requestLine(city.tenantId, city.routingVersion.id, r));
      if (a) await a;
      const b = events.writer.write(eventLines(city.tenantId, r, id), r.life.events.length);
      if (b) await b;
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        const rows = requests.writer.rows + events.writer.rows;
        console.log(`  ${slug}: ${i + 1}/${n} messages; ${rows.toLocaleString("en")} rows in all, ${Math.round(rows / ((lastReport - t0) / 1000)).toLocaleString("en")} rows/s`);
      }
    }
    await sql`insert into tenant_counters (tenant_id, name, value) values (${city.tenantId}, 'tracking', ${n})
              on conflict (tenant_id, name) do update set value = excluded.value`;
    perCity.push({ city: slug, requests: n, events: eventCount, open });
  }
  await Promise.all([requests.commit(), events.commit()]);
  return perCity;
}

const started = performance.now();
console.log(`bench:generate scale ${scale}, seed ${seed}, ${days} days up to ${new Date(end).toISOString()}, cities ${slugs.join(", ")}`);
await phase("create database", recreateDatabase);
await phase("migrate and seed (runMigrations, seedDemo)", migrateAndSeed);

const sql = postgres(urls.owner, { max: 3, onnotice: () => {}, connection: { application_name: "city137-bench-generate", synchronous_commit: "off", maintenance_work_mem: "1GB", max_parallel_maintenance_workers: 1 } as never });
try {
  const defs = await definitions(sql);
  await phase("drop keys, indexes and foreign keys", () => dropAll(sql, defs));
  // The word index (migration 0014) is filled per row by a trigger in the product; here, once, set-based.
  await sql`alter table requests disable trigger request_words`;
  // The dashboards' stale-day marks (migration 0018) too: the rollup is filled once, after the load.
  await sql`alter table requests disable trigger insight_requests_insert`;
  await sql`alter table request_events disable trigger insight_events_insert`;
  const perCity = await phase("generate and COPY", () => load(sql));
  await phase("index description words", async () => {
    // Into a bare table (its key and indexes are rebuilt afterwards with the others): maintaining
    // two B-trees row by row took 76 of the 91 minutes at full scale. description_words is distinct.
    await sql`truncate request_words`;
    // Each entry carries its message's place in the list (created_at, seq: docs/decisions/033).
    await sql`insert into request_words (tenant_id, word, request_id, created_at, seq)
              select r.tenant_id, w, r.id, r.created_at, r.seq from requests r, description_words(r.search_text) as w`;
    await sql`alter table requests enable trigger request_words`;
  });
  const build: Record<string, number> = {};
  await phase("rebuild keys, indexes, foreign keys", async () => {
    for (const kind of ["p", "u", "i", "f"] as const) {
      for (const d of defs.filter((x) => x.kind === kind)) {
        const t0 = performance.now();
        await sql.unsafe(kind === "i" ? d.def : `alter table ${d.table} add constraint "${d.name}" ${d.def}`);
        build[d.name] = seconds(t0);
      }
    }
  });
  await phase("fill dashboard rollup", async () => {
    await sql`alter table requests enable trigger insight_requests_insert`;
    await sql`alter table request_events enable trigger insight_events_insert`;
    // The product's own rebuild (packages/db insight:rebuild), city by city.
    const db = await createDatabase({ url: urls.owner, max: 1, applicationName: "city137-bench-generate" });
    try {
      for (const c of await withoutTenant(db, (tx) => listActiveTenants(tx))) await withTenant(db, c.id, (tx) => rebuildInsightCity(tx, { tenantId: c.id }));
    } finally {
      await db.close();
    }
  });
  await phase("analyze", async () => {
    await sql`analyze requests, request_events, tenant_counters`;
    // Sets the visibility map too, so word lookups can be index-only scans.
    await sql`vacuum analyze request_words`;
    await sql`vacuum analyze insight_daily, insight_daily_hours, insight_daily_score, insight_daily_cells, insight_span, insight_span_hours, insight_span_cells`;
  });
  const total = seconds(started);
  const [size] = await sql<{ db: string; requests: string; events: string }[]>`
    select pg_size_pretty(pg_database_size(current_database())) as db,
           pg_size_pretty(pg_total_relation_size('requests')) as requests,
           pg_size_pretty(pg_total_relation_size('request_events')) as events`;
  const requestRows = perCity.reduce((s, c) => s + c.requests, 0);
  const eventRows = perCity.reduce((s, c) => s + c.events, 0);
  const loadAndIndex = phases["generate and COPY"]! + phases["index description words"]! + phases["rebuild keys, indexes, foreign keys"]! + phases.analyze!;
  console.log();
  printTable(perCity.map((c) => ({ city: c.city, messages: c.requests, events: c.events, "open now": c.open })));
  const figures = {
    scale,
    seed,
    days,
    end: new Date(end).toISOString(),
    perCity,
    rows: { requests: requestRows, events: eventRows, total: requestRows + eventRows },
    phasesSeconds: phases,
    indexBuildSeconds: build,
    rowsPerSecond: {
      copyOnly: Math.round((requestRows + eventRows) / phases["generate and COPY"]!),
      includingIndexesAndAnalyze: Math.round((requestRows + eventRows) / loadAndIndex),
      messagesIncludingIndexes: Math.round(requestRows / loadAndIndex),
    },
    totalSeconds: total,
    size,
  };
  console.log(`\n${(requestRows + eventRows).toLocaleString("en")} rows (${requestRows.toLocaleString("en")} messages) in ${total} s;`,
    `${figures.rowsPerSecond.includingIndexesAndAnalyze.toLocaleString("en")} rows/s including index builds and ANALYZE`,
    `(${figures.rowsPerSecond.copyOnly.toLocaleString("en")} rows/s for generate+COPY alone); database ${size?.db}`);
  console.log(`wrote ${writeResult(scale === 1 ? "generate" : `generate-scale-${scale}`, figures)}`);
} finally {
  await sql.end();
}
