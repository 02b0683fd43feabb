import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_QUEUES, JOB_SCHEDULES, withTenant, listDailyUsage } from "@city137/db";
import { tehranIsoDate } from "@city137/core";
import { meterCity } from "./billing";
import { startJobs, type Jobs } from "./jobs";
import { silentLog } from "./log";
import { addRequest, seededDb, waitFor } from "./test-fixtures";

let t: Awaited<ReturnType<typeof seededDb>>;
let jobs: Jobs | null = null;
beforeAll(async () => {
  t = await seededDb();
});
afterAll(async () => {
  await jobs?.stop();
  await t?.close();
});

// messages are stamped by the database clock, so metering runs on the real one
const NOW = new Date();
const TODAY = tehranIsoDate(NOW);
const usage = (tenantId: string) => withTenant(t.db, tenantId, (tx) => listDailyUsage(tx, { tenantId, from: TODAY, to: TODAY }));

describe("daily usage metering", () => {
  it("is scheduled once a day, after midnight in Tehran", () => {
    expect(JOB_SCHEDULES).toContainEqual({ queue: JOB_QUEUES.billingTick, cron: "30 21 * * *" });
  });

  it("counts a city's messages of the day, and running it twice counts them once", async () => {
    const before = (await meterCity(t.db, { tenantId: t.shiraz, now: NOW })).days.find((d) => d.day === TODAY)!.messages;
    await addRequest(t.db, t.shiraz, { deadline: null });
    await addRequest(t.db, t.shiraz, { deadline: null });
    const first = await meterCity(t.db, { tenantId: t.shiraz, now: NOW });
    const second = await meterCity(t.db, { tenantId: t.shiraz, now: NOW });
    expect(first.days.find((d) => d.day === TODAY)!.messages).toBe(before + 2);
    expect(second.days).toEqual(first.days);
    expect((await usage(t.shiraz)).find((d) => d.day === TODAY)!.messages).toBe(before + 2);
    // Tehran's count is its own
    const tehran = await meterCity(t.db, { tenantId: t.tehran, now: NOW });
    expect(tehran.days.find((d) => d.day === TODAY)!.messages).toBe(0);
    expect(first.state).toBe("active");
  });

  it("runs through the queue for one city", async () => {
    jobs = await startJobs({ db: t.db, log: silentLog, now: () => NOW, pollingIntervalSeconds: 0.5, schedule: false });
    await addRequest(t.db, t.tehran, { deadline: null });
    expect(await jobs.meterNow(t.tehran)).toBe(1);
    await waitFor(async () => ((await usage(t.tehran)).find((d) => d.day === TODAY)?.messages ?? 0) >= 1);
    expect((await usage(t.tehran)).find((d) => d.day === TODAY)!.messages).toBe(1);
  });
});
