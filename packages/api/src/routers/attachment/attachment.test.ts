import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAttachment, openAttachment, staffScopeOf } from "../../attachments";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
const ids = new Map<string, string>();
let requestId: string;
let reportId: string;
const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");

const scopeOf = async (city: string, who: string) => staffScopeOf(api.context({ token: await api.signIn(city, who), ip: "203.0.113.9" }));
const attach = async (who: string, onRequest: string, name = "letter.pdf") =>
  (await addAttachment(await scopeOf("tehran", who), api.files, { requestId: onRequest, purpose: "citizen", fileName: name, bytes: pdf })).id;

beforeAll(async () => {
  api = await createTestApi();
  const op = api.caller(await api.signIn("tehran", "tehran.operator"));
  for (const c of await op.category.list()) ids.set(c.code, c.id);
  const base = { kind: "complaint" as const, categoryId: ids.get("waste.collection")!, channel: "phone" as const, description: "پیام آزمون", attributes: { waste_type: "household" } };
  requestId = (await op.request.create({ ...base, idempotencyKey: "attachment-test-1" })).id;
  reportId = (await op.request.create({ ...base, idempotencyKey: "attachment-test-2", kind: "corruption_report", categoryId: ids.get("corruption")!, attributes: {} })).id;
});
afterAll(() => api?.close());

describe("attachment.list", () => {
  it("shows a message's attachments with who added them, never the storage key", async () => {
    const id = await attach("tehran.operator", requestId, "نامهٔ شهروند.pdf");
    const list = await api.caller(await api.signIn("tehran", "tehran.manager")).attachment.list({ requestId });
    const entry = list.find((a) => a.id === id)!;
    expect(entry).toMatchObject({ requestId, purpose: "citizen", kind: "document", mime: "application/pdf", sizeBytes: pdf.byteLength, originalName: "نامهٔ شهروند.pdf", createdByName: expect.any(String) });
    expect(Object.keys(entry)).not.toContain("storageKey");
    expect(JSON.stringify(list)).not.toContain(`/${requestId}/`);
  });

  it("answers NOT_FOUND for another city's message and for what the viewer may not see", async () => {
    expect(await failure(api.caller(await api.signIn("shiraz", "shiraz.admin")).attachment.list({ requestId }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(api.caller(await api.signIn("tehran", "tehran.supervisor")).attachment.list({ requestId: reportId }))).toMatchObject({ code: "NOT_FOUND" });
    await expect(api.caller(await api.signIn("tehran", "tehran.inspector")).attachment.list({ requestId: reportId })).resolves.toEqual([]);
  });
});

describe("attachment.remove", () => {
  it("keeps the record, deletes the bytes, and writes the timeline and the audit log; removing again changes nothing", async () => {
    const id = await attach("tehran.operator", requestId);
    const key = [...api.files.files.keys()].find((k) => k.endsWith(`/${id}`))!;
    expect(key).toBeDefined();
    const supervisor = api.caller(await api.signIn("tehran", "tehran.supervisor"));
    expect(await supervisor.attachment.remove({ id })).toEqual({ id, removed: true });
    expect(api.files.files.has(key)).toBe(false);
    expect((await supervisor.attachment.list({ requestId })).map((a) => a.id)).not.toContain(id);
    await expect(openAttachment(await scopeOf("tehran", "tehran.supervisor"), api.files, id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const events = (await supervisor.request.get({ id: requestId })).timeline.filter((e) => e.type === "attachment_removed");
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ attachmentId: id, name: "letter.pdf" });
    const admin = api.caller(await api.signIn("tehran", "tehran.admin"));
    expect((await admin.audit.list({ limit: 100 })).filter((e) => e.action === "attachment.removed" && e.targetId === id)).toHaveLength(1);

    expect(await supervisor.attachment.remove({ id })).toEqual({ id, removed: true });
    expect((await supervisor.request.get({ id: requestId })).timeline.filter((e) => e.type === "attachment_removed")).toHaveLength(1);
  });

  it("is refused to operators and unit staff, and NOT_FOUND across cities or out of sight; nothing changes", async () => {
    const id = await attach("tehran.operator", requestId);
    expect(await failure(api.caller(await api.signIn("tehran", "tehran.operator")).attachment.remove({ id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(api.caller(await api.signIn("shiraz", "shiraz.admin")).attachment.remove({ id }))).toMatchObject({ code: "NOT_FOUND" });
    const secret = await attach("tehran.inspector", reportId, "evidence.pdf");
    expect(await failure(api.caller(await api.signIn("tehran", "tehran.supervisor")).attachment.remove({ id: secret }))).toMatchObject({ code: "NOT_FOUND" });
    const list = await api.caller(await api.signIn("tehran", "tehran.admin")).attachment.list({ requestId });
    expect(list.map((a) => a.id)).toContain(id);
    expect([...api.files.files.keys()].filter((k) => k.endsWith(`/${id}`) || k.endsWith(`/${secret}`))).toHaveLength(2);
  });
});
