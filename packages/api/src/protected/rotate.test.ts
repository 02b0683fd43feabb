import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../root";
import { createTestApi, failure, type TestApi } from "../test-utils";
import { createCallerFactory, createContextFactory } from "../trpc";
import { devKeyring, keyringFromConfig } from "./keys";
import { rewrapProtectedReports } from "./rotate";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const callerWith = (ring: ReturnType<typeof devKeyring>) => {
  const context = createContextFactory({ db: api.db, protectedKeys: ring });
  return (token: string | null, ip = "198.51.100.200") => createCallerFactory(appRouter)(context({ token, ip }));
};

describe("key rotation", () => {
  it("re-wraps every report under the new KEK; afterwards the old one is not needed, and before it was", async () => {
    const { receipt } = await api.caller(null, "198.51.100.201").protectedReport.submit({ city: "tehran", text: "گزارش پیش از چرخش کلید" });
    await api.caller(null, "198.51.100.202").protectedReport.submit({ city: "shiraz", text: "گزارش شیراز پیش از چرخش" });
    const v1 = randomBytes(32).toString("base64");
    const onlyNew = callerWith(keyringFromConfig(`v1:${v1}`));
    // control: without the development key the old report cannot be opened
    expect(await failure(onlyNew(null).protectedReport.follow({ city: "tehran", receipt }))).toMatchObject({ code: "INTERNAL_SERVER_ERROR" });

    const rotating = keyringFromConfig(`v1:${v1}`);
    const both = { ...rotating, keys: new Map([...rotating.keys, ...devKeyring().keys]) };
    expect(await rewrapProtectedReports(api.db, both)).toBeGreaterThanOrEqual(2);
    expect(await rewrapProtectedReports(api.db, both)).toBe(0);

    expect(await onlyNew(null).protectedReport.follow({ city: "tehran", receipt })).toMatchObject({ text: "گزارش پیش از چرخش کلید" });
    const inspector = await api.signIn("shiraz", "shiraz.inspector");
    const [report] = await onlyNew(inspector).protectedReport.list();
    expect((await onlyNew(inspector).protectedReport.get({ id: report!.id })).text).toBe("گزارش شیراز پیش از چرخش");
  });
});
