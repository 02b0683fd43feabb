import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kill9, startApi, stopApi, type ApiProcess } from "./setup/api";
import { complaint, register, warmUp, wasteCategory } from "./setup/intake";
import { openLoop, signIn, sleep } from "./setup/load";
import { ownerQuery, preparePlatform } from "./setup/platform";
import { freePort } from "./setup/ports";
import { PrivatePostgres } from "./setup/cluster";

const RATE = Number(process.env.FAULT_RATE ?? 300);
let pg: PrivatePostgres;
let port: number;
let api: ApiProcess | undefined;

beforeAll(async () => {
  pg = await PrivatePostgres.create();
  await preparePlatform(pg);
  port = await freePort();
  api = await startApi({ port, databaseUrl: pg.appUrl });
});
afterAll(async () => {
  await stopApi(api);
  pg?.destroy();
});

describe("kill -9 of the API during intake", () => {
  it("clients retrying with the same idempotency key until acknowledged leave exactly one message per key", async () => {
    const token = await signIn(api!.url, "tehran", "tehran.operator");
    const categoryId = await wasteCategory(api!.url, token);
    const base = api!.url;
    const run = `apikill-${Date.now().toString(36)}`;
    await warmUp(api!.url, token, categoryId, run);
    const attempts = new Map<number, number>();
    /** One citizen's call: the same key and body again until the platform acknowledges it (2 minutes at most). */
    const client = async (i: number) => {
      const body = complaint(categoryId, `${run}-${i}`);
      const end = Date.now() + 120_000;
      for (let n = 1; ; n++) {
        attempts.set(i, n);
        try {
          const r = await register(base, token, body);
          if (r.status === 200) return r.body.result.data as { trackingCode: string; replayed: boolean };
          if (r.status < 500) throw new Error(`refused: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        } catch (err) {
          if (String(err).includes("refused:")) throw err;
        }
        if (Date.now() > end) throw new Error(`key ${i} never acknowledged`);
        await sleep(500);
      }
    };
    const n = Math.round(Math.min(RATE, 100) * 6);
    const sent = await openLoop(n / 6, 6, client, async () => {
      await sleep(2_500);
      await kill9(api!);
      api = await startApi({ port, databaseUrl: pg.appUrl });
    });
    const failed = sent.filter((s) => s.error);
    const retried = [...attempts.values()].filter((a) => a > 1).length;
    console.log(`keys ${sent.length}, acknowledged ${sent.length - failed.length}, needed a retry ${retried}, replayed answers ${sent.filter((s) => s.result?.replayed).length}`);
    expect(failed.map((f) => f.error)).toEqual([]);
    // the kill was felt: some keys needed more than one attempt
    expect(retried).toBeGreaterThan(0);

    const rows = await ownerQuery<{ idempotency_key: string; tracking_code: string }>(pg, "select idempotency_key, tracking_code from requests where idempotency_key like $1", [`${run}-%`]);
    expect(rows).toHaveLength(sent.length);
    const byKey = new Map(rows.map((r) => [r.idempotency_key, r.tracking_code]));
    expect(byKey.size).toBe(sent.length);
    // each acknowledgement, first answer or replay, names the one row of its key
    for (const s of sent) expect(byKey.get(`${run}-${s.i}`), `key ${s.i}`).toBe(s.result!.trackingCode);
    // and no registration left its timeline or SMS twice
    const timelines = await ownerQuery<{ n: string }>(pg, "select count(*) as n from request_events e join requests r on r.tenant_id = e.tenant_id and r.id = e.request_id where r.idempotency_key like $1 and e.type = 'registered'", [`${run}-%`]);
    expect(Number(timelines[0]!.n)).toBe(sent.length);
  });
});
