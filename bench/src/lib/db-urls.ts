/**
 * Where the benchmarks find Postgres. The bench database is dedicated and
 * disposable; the generator drops and recreates it.
 *   BENCH_OWNER_URL  owner / bulk-load role (default: the local superuser)
 *   BENCH_APP_URL    runtime role the API connects as (default: app_user)
 */
export const BENCH_DB = "city137_bench";

export function benchUrls() {
  const owner = process.env.BENCH_OWNER_URL ?? `postgres://postgres@127.0.0.1:5432/${BENCH_DB}`;
  const app = process.env.BENCH_APP_URL ?? `postgres://app_user@127.0.0.1:5432/${BENCH_DB}`;
  const admin = new URL(owner);
  admin.pathname = "/postgres";
  return { owner, app, admin: admin.toString(), database: new URL(owner).pathname.slice(1) };
}
