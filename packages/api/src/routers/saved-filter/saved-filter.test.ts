import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

describe("saved searches", () => {
  it("are a member's own unless a supervisor shares one; saving a name again replaces it", async () => {
    const op = api.caller(await api.signIn("tehran", "tehran.operator"));
    const other = api.caller(await api.signIn("tehran", "tehran.unitstaff"));
    const supervisor = api.caller(await api.signIn("tehran", "tehran.supervisor"));
    const mine = await op.savedFilter.save({ name: "پسماند منطقهٔ ۱", query: { queue: "all", q: "زباله" } });
    await op.savedFilter.save({ name: "پسماند منطقهٔ ۱", query: { queue: "all", q: "نخاله" } });
    expect((await op.savedFilter.list()).filter((f) => f.name === "پسماند منطقهٔ ۱")).toEqual([expect.objectContaining({ id: mine.id, query: { queue: "all", q: "نخاله" }, mine: true })]);
    expect((await other.savedFilter.list()).map((f) => f.id)).not.toContain(mine.id);

    expect(await failure(op.savedFilter.save({ name: "همه", query: {}, shared: true }))).toMatchObject({ code: "FORBIDDEN", fieldErrors: { shared: "errors.savedFilter.cannotShare" } });
    const shared = await supervisor.savedFilter.save({ name: "مهلت‌گذشته‌های ستاد", query: { queue: "breaches" }, shared: true });
    expect((await other.savedFilter.list()).find((f) => f.id === shared.id)).toMatchObject({ mine: false });
    // Only its owner (or a city admin) removes it.
    expect(await failure(other.savedFilter.remove({ id: shared.id }))).toMatchObject({ code: "NOT_FOUND" });
    await supervisor.savedFilter.remove({ id: shared.id });
    expect((await other.savedFilter.list()).map((f) => f.id)).not.toContain(shared.id);
  });

  it("never reach another city", async () => {
    const tehranOp = api.caller(await api.signIn("tehran", "tehran.operator"));
    const f = await tehranOp.savedFilter.save({ name: "فقط تهران", query: { queue: "mine" } });
    const shirazAdmin = api.caller(await api.signIn("shiraz", "shiraz.admin"));
    expect((await shirazAdmin.savedFilter.list()).map((x) => x.id)).not.toContain(f.id);
    expect(await failure(shirazAdmin.savedFilter.remove({ id: f.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await tehranOp.savedFilter.list()).map((x) => x.id)).toContain(f.id);
  });
});
