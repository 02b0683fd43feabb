import { is, Param, Placeholder } from "drizzle-orm";
import type { Tx } from "./client";

/**
 * Statements of the registration path whose SQL drizzle builds once per
 * process instead of at every call (docs/decisions/028).
 *
 * Building a query (the select list, the conditions, the SQL text with its
 * parameters) was ~0.8 ms of the API's ~2 ms of CPU per registration
 * (`bench:intake:profile`). A built-once statement is written with drizzle as
 * before, with `sql.placeholder(name)` where the values go, and prepared
 * (drizzle's `.prepare()`) on the first transaction that runs it. Later calls
 * reuse its SQL text, its parameter encoders and its result mapping and hand
 * them to the session of **their own transaction** (`withTenant`'s tx), so the
 * statement runs on that transaction's connection, after its
 * `set_config('app.tenant_id', …)`, under row-level security, as any other.
 * Nothing else changes: the text is the one drizzle built, still a prepared
 * statement on the connection (docs/decisions/019).
 *
 * Values are encoded as drizzle encodes them in a normal query, null staying
 * SQL null (drizzle's own placeholder filling would hand null to the column's
 * encoder: a null timestamp throws and a null jsonb becomes JSON `null`).
 *
 * Only for statements whose text does not depend on the values: the number
 * of rows and the set of columns must be fixed (see `insertRequestEvents`).
 */

type Slot = { value: unknown } | { name: string; encode: ((v: unknown) => unknown) | null };

interface Built {
  sql: string;
  slots: Slot[];
  fields: unknown;
  joinsNotNullableMap: unknown;
  customResultMapper: unknown;
  arrayMode: boolean;
}

/** What drizzle's prepared queries carry (the same fields on every driver: postgres.js, PGlite). */
interface PreparedInternals {
  getQuery(): { sql: string; params: unknown[] };
  fields?: unknown;
  joinsNotNullableMap?: unknown;
  customResultMapper?: unknown;
  _isResponseInArrayMode?: boolean;
}
interface SessionInternals {
  prepareQuery(query: { sql: string; params: unknown[] }, fields: unknown, name: string | undefined, arrayMode: boolean, customResultMapper?: unknown): PreparedInternals & { joinsNotNullableMap?: unknown; execute(): Promise<unknown> };
}

function slotsOf(params: unknown[]): Slot[] {
  return params.map((p) => {
    if (is(p, Placeholder)) return { name: p.name, encode: null };
    if (is(p, Param) && is(p.value, Placeholder)) {
      const param = p as Param;
      return { name: (param.value as Placeholder).name, encode: (v: unknown) => param.encoder.mapToDriverValue(v) };
    }
    return { value: p };
  });
}

interface Preparable {
  prepare(name: string): { execute(...args: never[]): Promise<unknown> };
}
/** What the statement answers, as drizzle types it (rows for a select or `returning`). */
export type BuiltResult<Q extends Preparable> = Awaited<ReturnType<ReturnType<Q["prepare"]>["execute"]>>;

export interface BuiltOnce<R> {
  /** Every placeholder's value; null and undefined are SQL null. */
  run(tx: Tx, values: Record<string, unknown>): Promise<R>;
}

/**
 * `build` makes the drizzle query from a transaction, with placeholders for
 * the values; it runs once per kind of session (the first transaction of a
 * postgres.js database, the first of a PGlite one).
 */
export function builtOnce<Q extends Preparable>(name: string, build: (tx: Tx) => Q): BuiltOnce<BuiltResult<Q>> {
  // Keyed by the session's class: a test process can hold a PGlite and a Postgres database at once.
  const byDriver = new Map<unknown, Built>();
  return {
    run(tx, values) {
      const session = (tx as unknown as { session: SessionInternals }).session;
      let built = byDriver.get(session.constructor);
      if (!built) {
        const prepared = build(tx).prepare(name) as unknown as PreparedInternals;
        const query = prepared.getQuery();
        built = {
          sql: query.sql,
          slots: slotsOf(query.params),
          fields: prepared.fields,
          joinsNotNullableMap: prepared.joinsNotNullableMap,
          customResultMapper: prepared.customResultMapper,
          arrayMode: prepared._isResponseInArrayMode ?? true,
        };
        byDriver.set(session.constructor, built);
      }
      const params = built.slots.map((s) => {
        if ("value" in s) return s.value;
        if (!(s.name in values)) throw new Error(`${name}: no value for "${s.name}"`);
        const v = values[s.name];
        return v === null || v === undefined ? null : s.encode ? s.encode(v) : v;
      });
      const query = session.prepareQuery({ sql: built.sql, params }, built.fields, name, built.arrayMode, built.customResultMapper);
      query.joinsNotNullableMap = built.joinsNotNullableMap;
      return query.execute() as Promise<BuiltResult<Q>>;
    },
  };
}
