import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, stopApi, type ApiProcess } from "./setup/api";
import { complaint, register, warmUp, wasteCategory } from "./setup/intake";
import { openLoop, signIn, sleep, until } from "./setup/load";
import { ownerQuery, preparePlatform } from "./setup/platform";
import { freePort } from "./setup/ports";
import { PrivatePostgres } from "./setup/cluster";

/** The arrival rate; FAULT_RATE lowers it on a machine that cannot take it (the API answers what it can, the rest time out unacknowledged). */
const RATE = Number(process.env.FAULT_RATE ?? 300);
let pg: PrivatePostgres;
let api: ApiProcess | undefined;

beforeAll(async () => {
  pg = await PrivatePostgres.create();
  await preparePlatform(pg);
  api = await startApi({ port: await freePort(), databaseUrl: pg.appUrl });
});
afterAll(async () => {
  await stopApi(api);
  pg?.destroy();
});

describe("kill -9 of Postgres during intake", () => {
  it("keeps every acknowledged message exactly once, and intake resumes by itself after the restart", async () => {
    const token = await signIn(api!.url, "tehran", "tehran.operator");
    const categoryId = await wasteCategory(api!.url, token);
    const run = `pgkill-${Date.now().toString(36)}`;
    await warmUp(api!.url, token, categoryId, run);
    let killedAt = 0;
    let restartedAt = 0;
    const sent = await openLoop(
      RATE,
      10,
      (i) => register(api!.url, token, complaint(categoryId, `${run}-${i}`)),
      async () => {
        await sleep(4_000);
        pg.kill9();
        killedAt = performance.now();
        await sleep(2_000);
        await pg.start();
        restartedAt = performance.now();
      },
    );
    const acked = sent.filter((s) => s.result?.status === 200).map((s) => ({ key: `${run}-${s.i}`, code: s.result!.body.result.data.trackingCode as string }));
    const refused = sent.filter((s) => s.result && s.result.status !== 200);
    const statuses = Object.fromEntries([...new Set(refused.map((s) => s.result!.status))].map((st) => [st, refused.filter((s) => s.result!.status === st).length]));
    const cut = sent.filter((s) => s.error);
    const errorKinds = Object.fromEntries([...new Set(cut.map((s) => s.error!.slice(0, 80)))].map((e) => [e, cut.filter((s) => s.error!.startsWith(e)).length]));
    console.log(`api alive: ${api!.child.exitCode === null && api!.child.signalCode === null}; cut calls: ${JSON.stringify(errorKinds)}`);
    console.log(`sent ${sent.length}, acknowledged ${acked.length}, refused ${JSON.stringify(statuses)}, cut ${sent.filter((s) => s.error).length}; Postgres down ${Math.round(restartedAt - killedAt)} ms`);

    // The comparison means something: calls were acknowledged, and the crash was felt
    expect(acked.length).toBeGreaterThan(0);
    expect(refused.length + cut.length).toBeGreaterThan(0);
    // A refusal is a clear 503 with the translated message key, never a 500 or a stack
    for (const s of refused) {
      expect(s.result!.status, JSON.stringify(s.result!.body).slice(0, 300)).toBe(503);
      expect(s.result!.body.error.data.messageKey).toBe("errors.serviceUnavailable");
    }
    // The API reconnected by itself: a new registration is acknowledged without restarting it
    let after: { status: number; body: any } | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    await until("intake to be acknowledged again", async () => (after = await register(api!.url, token, complaint(categoryId, `${run}-after`))).status === 200, 90_000);
    acked.push({ key: `${run}-after`, code: after!.body.result.data.trackingCode });

    const rows = await ownerQuery<{ idempotency_key: string; tracking_code: string }>(pg, "select idempotency_key, tracking_code from requests where idempotency_key like $1", [`${run}-%`]);
    const byKey = new Map(rows.map((r) => [r.idempotency_key, r.tracking_code]));
    // every acknowledged tracking code is in the database, under its own key
    const missing = acked.filter((a) => byKey.get(a.key) !== a.code);
    expect(missing, "acknowledged but missing after the crash").toEqual([]);
    // no duplicates: one row per key, one row per tracking code
    expect(byKey.size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.tracking_code)).size).toBe(rows.length);
    const dupCodes = await ownerQuery(pg, "select tenant_id, tracking_code from requests group by 1, 2 having count(*) > 1");
    expect(dupCodes).toEqual([]);
    // rows nobody was told about can exist (committed, answer lost), but only for calls that got no 200
    expect(rows.length).toBeGreaterThanOrEqual(acked.length);
  });
});
