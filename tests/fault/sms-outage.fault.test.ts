import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, stopApi, type ApiProcess } from "./setup/api";
import { complaint, register, wasteCategory } from "./setup/intake";
import { signIn, sleep, until } from "./setup/load";
import { ownerQuery, preparePlatform } from "./setup/platform";
import { freePort } from "./setup/ports";
import { PrivatePostgres } from "./setup/cluster";
import { startSmsStub } from "./setup/sms-stub";

let pg: PrivatePostgres;
let api: ApiProcess | undefined;
let sms: Awaited<ReturnType<typeof startSmsStub>>;

beforeAll(async () => {
  pg = await PrivatePostgres.create();
  await preparePlatform(pg);
  sms = await startSmsStub();
  api = await startApi({
    port: await freePort(),
    databaseUrl: pg.appUrl,
    env: { JOBS: "on", SMS_PROVIDER: "kavenegar", KAVENEGAR_API_KEY: "fault-test-key", KAVENEGAR_SENDER: "10001370", KAVENEGAR_BASE_URL: sms.url, FAULT_RELAY_RETRY_MS: "1000" },
  });
});
afterAll(async () => {
  await stopApi(api);
  await sms?.close();
  pg?.destroy();
});

interface OutboxRow {
  id: string;
  request_id: string;
  sent_at: Date | null;
  attempts: string;
}

describe("the SMS provider down for a while", () => {
  it("sends every notification once the provider is back, each exactly once", async () => {
    const token = await signIn(api!.url, "tehran", "tehran.operator");
    const categoryId = await wasteCategory(api!.url, token);
    const run = `smsdown-${Date.now().toString(36)}`;
    const N = 20;
    sms.setDown(true);
    const codes: string[] = [];
    for (let i = 0; i < N; i++) {
      const mobile = `0912${String(7000000 + i)}`;
      const r = await register(api!.url, token, complaint(categoryId, `${run}-${i}`, mobile));
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      codes.push(r.body.result.data.trackingCode);
    }
    const outboxOf = () =>
      ownerQuery<OutboxRow>(pg, "select o.id, o.payload->>'requestId' as request_id, o.sent_at, o.attempts from outbox o join requests r on r.tenant_id = o.tenant_id and r.id = (o.payload->>'requestId')::uuid where r.idempotency_key like $1 and o.topic = 'sms.request_registered'", [`${run}-%`]);
    // While it is down, the relay keeps trying and nothing is marked sent
    await until("the provider to refuse a few attempts", async () => sms.refusedWhileDown >= N, 60_000);
    await sleep(4_000);
    const during = await outboxOf();
    expect(during).toHaveLength(N);
    expect(during.filter((o) => o.sent_at !== null)).toEqual([]);
    expect(sms.received).toEqual([]);

    sms.setDown(false);
    // Eventually (the relay's backoff, the every-minute tick) every row is sent
    await until("every SMS to be sent", async () => (await outboxOf()).every((o) => o.sent_at !== null), 150_000);
    await sleep(3_000); // a late duplicate would arrive now
    const after = await outboxOf();
    // each refusal by the provider is one failed attempt on its row, each row one successful attempt
    expect(after.reduce((sum, o) => sum + Number(o.attempts), 0)).toBe(N + sms.refusedWhileDown);
    expect(after.filter((o) => Number(o.attempts) >= 2).length).toBeGreaterThan(0);
    // The provider got each notification exactly once (its local id is the outbox row), with the tracking code in the text
    const ids = after.map((o) => o.id).sort();
    expect(sms.received.map((r) => r.localId).sort()).toEqual(ids);
    for (const [i, code] of codes.entries()) {
      const got = sms.received.filter((r) => r.to === `0912${String(7000000 + i)}`);
      expect(got).toHaveLength(1);
      expect(got[0]!.body).toContain(code);
    }
    // and the SMS log shows one sent row per notification, failed attempts not counted as sent
    const log = await ownerQuery<{ status: string; n: string }>(pg, "select s.status, count(*) as n from sms_messages s join requests r on r.tenant_id = s.tenant_id and r.id = s.request_id where r.idempotency_key like $1 group by s.status", [`${run}-%`]);
    expect(Object.fromEntries(log.map((l) => [l.status, Number(l.n)]))).toMatchObject({ sent: N });
  });
});
