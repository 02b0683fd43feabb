import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import postgres from "postgres";
import * as schema from "./schema";

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Orm["transaction"]>[0]>[0];

/**
 * One handle over either engine. `orm` is private to this package: code
 * outside reaches tenant data only through withTenant()/withPlatform().
 */
export interface Database {
  kind: "pglite" | "postgres";
  orm: Orm;
  /** Runs a multi-statement SQL script (migrations, hardening). */
  exec(script: string): Promise<void>;
  /** Rows of a plain query, outside any tenant context (catalogue checks). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Raw SQL for the job queue (pg-boss's `db.executeSql` adapter): one
   * parameterised statement, or a parameterless script whose last result is
   * returned. Runs as the connection's user, outside any tenant context.
   */
  executeSql(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  /** The Postgres connection URL (absent on PGlite), for clients with their own pool such as pg-boss. */
  connectionString?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent, the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; undefined = in memory. */
  dataDir?: string;
  /** postgres.js pool size. */
  max?: number;
  applicationName?: string;
}

export async function createDatabase(opts: DatabaseOptions = {}): Promise<Database> {
  if (opts.url) return createPostgres(opts.url, opts);
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = await PGlite.create(opts.dataDir, { extensions: { pg_trgm } });
  return {
    kind: "pglite",
    orm: drizzlePglite({ client, schema }) as unknown as Orm,
    exec: async (script) => {
      await client.exec(script);
    },
    query: async <T>(text: string, params: unknown[] = []) =>
      (await client.query<T>(text, params)).rows,
    executeSql: async (text, params) => {
      if (params?.length) return { rows: (await client.query(text, params)).rows };
      // Parameterless text may be a script (pg-boss's locked BEGIN…COMMIT blocks).
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    close: () => client.close(),
  };
}

type Sql = postgres.Sql;

/**
 * The ORM's statements, prepared once per connection (docs/decisions/019).
 * Unprepared, postgres.js sends each parameterised statement twice — Parse and
 * Describe, wait for the parameter types, then Bind and Execute — and Postgres
 * parses it every time. Prepared, a statement seen before on the connection is
 * one Bind/Execute round trip. The job queue's raw SQL stays unprepared.
 */
function preparing<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, params?: never[], options?: Record<string, unknown>) => target.unsafe(query, params, { ...options, prepare: true });
      }
      if (prop === "begin" || prop === "savepoint") {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: Sql) => unknown;
          return (Reflect.get(target, prop) as (...a: unknown[]) => unknown)(...args, (tx: Sql) => fn(preparing(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

function createPostgres(url: string, opts: DatabaseOptions): Database {
  const client = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    // An acknowledged write must survive a crash (architecture: durability).
    connection: {
      synchronous_commit: "on",
      // Short OLTP queries: JIT compiling cost 150–420 ms per search in bench:staff and never paid back.
      jit: "off",
      // Nor do parallel workers: a newest-first word search that reads ~1,000 index entries took 3.4 s
      // as a parallel Gather Merge and 0.1 s without (bench:staff at full scale, docs/decisions/015).
      max_parallel_workers_per_gather: "0",
      application_name: opts.applicationName ?? "city137",
      // Statements are prepared (below) for their parse and round trip, not for plan reuse:
      // every execution is planned for its own values, as unnamed statements were.
      plan_cache_mode: "force_custom_plan",
    },
  });
  return {
    kind: "postgres",
    orm: drizzlePostgres({ client: preparing(client), schema }) as unknown as Orm,
    exec: async (script) => {
      await client.unsafe(script);
    },
    query: async <T>(text: string, params: unknown[] = []) =>
      (await client.unsafe(text, params as never[])) as unknown as T[],
    executeSql: async (text, params) => {
      const result = (await client.unsafe(text, (params ?? []) as never[])) as unknown as unknown[];
      // A script answers with one result per statement: keep the last.
      const last = result.length && Array.isArray(result[0]) ? result.at(-1) : result;
      return { rows: [...((last as unknown[] | undefined) ?? [])] };
    },
    connectionString: url,
    close: () => client.end({ timeout: 5 }),
  };
}
