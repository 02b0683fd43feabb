import { schema, withTenant } from "@city137/db";
import { phoneJpeg } from "@city137/files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, failure, type TestApi } from "../../test-utils";

let api: TestApi;
let tehranId: string;
let inspector: string;
let shirazInspector: string;
let admin: string;
let supervisor: string;
let ipSeq = 0;
/** Each test its own client address, so the per-client limits of one test do not reach the next. */
const reporter = () => api.caller(null, `198.51.100.${++ipSeq}`);
const SECRET = "مدیر ناحیهٔ سه برای صدور پروانه رشوه خواست";

beforeAll(async () => {
  api = await createTestApi();
  inspector = await api.signIn("tehran", "tehran.inspector");
  shirazInspector = await api.signIn("shiraz", "shiraz.inspector");
  admin = await api.signIn("tehran", "tehran.admin");
  supervisor = await api.signIn("tehran", "tehran.supervisor");
  tehranId = ((await api.caller(admin).auth.me()) as { city: { id: string } }).city.id;
});
afterAll(() => api?.close());

const rawRows = (tenantId: string) =>
  withTenant(api.db, tenantId, async (tx) => ({
    reports: await tx.select().from(schema.protectedReports),
    entries: await tx.select().from(schema.protectedReportEntries),
  }));

/** The city's audit lines about one report (RLS keeps the rows to the city). */
const auditOf = async (id: string) => (await withTenant(api.db, tehranId, (tx) => tx.select().from(schema.auditLog))).filter((a) => a.targetId === id);

describe("filing and following a protected report", () => {
  it("answers a 20-digit receipt once; the database keeps neither the receipt nor the words, only ciphertext and the day", async () => {
    const photo = Buffer.from(await phoneJpeg()).toString("base64");
    const out = await reporter().protectedReport.submit({ city: "tehran", text: SECRET, files: [{ name: "IMG_2041_Ali.jpg", data: photo }] });
    expect(out.receipt).toMatch(/^\d{20}$/);
    expect(out.grouped).toBe(out.receipt.replace(/(\d{4})(?=\d)/g, "$1 "));
    expect(out.receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const { reports, entries } = await rawRows(tehranId);
    const dump = JSON.stringify({ reports, entries });
    // positive control: the dump is the real rows (the receipt's lookup prefix is in it)
    expect(dump).toContain(out.receipt.slice(0, 4));
    expect(dump).not.toContain(out.receipt);
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(Buffer.from(SECRET).toString("base64"));
    expect(dump).not.toContain("IMG_2041_Ali");
    const row = reports.find((r) => r.receiptPrefix === out.receipt.slice(0, 4))!;
    expect(row.receiptHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(Object.keys(row).sort()).toEqual(["body", "id", "keyVersion", "number", "receiptHash", "receiptPrefix", "receivedOn", "status", "tenantId", "updatedOn", "wrappedKey"]);

    const view = await reporter().protectedReport.follow({ city: "tehran", receipt: out.grouped.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!) });
    expect(view).toMatchObject({ status: "received", text: SECRET, entries: [{ author: "reporter", kind: "photo", text: null }] });
  });

  it("a receipt of Tehran opens nothing on Shiraz's portal (and does on Tehran's)", async () => {
    const { receipt } = await reporter().protectedReport.submit({ city: "tehran", text: "گزارش آزمون جداسازی شهرها" });
    expect(await reporter().protectedReport.follow({ city: "tehran", receipt })).toMatchObject({ text: "گزارش آزمون جداسازی شهرها" });
    expect(await failure(reporter().protectedReport.follow({ city: "shiraz", receipt }))).toMatchObject({ code: "NOT_FOUND", messageKey: "protected.errors.unknownReceipt" });
    expect(await failure(reporter().protectedReport.reply({ city: "shiraz", receipt, text: "بیشتر" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("inspector asks, reporter reads the question and answers; the report waits for the reporter in between", async () => {
    const { receipt } = await reporter().protectedReport.submit({ city: "tehran", text: "قرارداد پیمانکار فضای سبز دو برابر قیمت بسته شده" });
    const list = await api.caller(inspector).protectedReport.list();
    const id = list[0]!.id;
    expect(list[0]).toMatchObject({ status: "received" });
    await api.caller(inspector).protectedReport.ask({ id, text: "شمارهٔ قرارداد را می‌دانید؟" });
    const asked = await reporter().protectedReport.follow({ city: "tehran", receipt });
    expect(asked.status).toBe("need_info");
    expect(asked.entries).toEqual([expect.objectContaining({ author: "inspector", text: "شمارهٔ قرارداد را می‌دانید؟" })]);
    const photo = Buffer.from(await phoneJpeg()).toString("base64");
    const answered = await reporter().protectedReport.reply({ city: "tehran", receipt, text: "قرارداد ۱۴۰۴/۲۲۱", files: [{ name: "contract.jpg", data: photo }] });
    expect(answered.status).toBe("in_review");
    expect((await api.caller(inspector).protectedReport.get({ id })).entries.map((e) => [e.author, e.text])).toEqual([
      ["inspector", "شمارهٔ قرارداد را می‌دانید؟"],
      // Persian digits are kept as Latin ones, like every text of the platform
      ["reporter", "قرارداد 1404/221"],
      ["reporter", null],
    ]);
    // the answer's photo arrived re-encoded, for the inspector only
    const answerPhoto = (await api.caller(inspector).protectedReport.get({ id })).entries.find((e) => e.kind === "photo")!;
    const bytes = Buffer.from((await api.caller(inspector).protectedReport.photo({ id, entryId: answerPhoto.id })).data, "base64");
    expect(bytes.toString("latin1")).not.toContain("TestCam");
    await api.caller(inspector).protectedReport.setStatus({ id, status: "closed" });
    expect(await failure(reporter().protectedReport.reply({ city: "tehran", receipt, text: "یک چیز دیگر" }))).toMatchObject({ code: "CONFLICT", fieldErrors: { text: "protected.errors.closed" } });
  });
});

describe("who reads a report", () => {
  it("only the city's inspectors, each access audited; admin and supervisor get a count; another city's inspector gets NOT_FOUND", async () => {
    await reporter().protectedReport.submit({ city: "tehran", text: "گزارش برای آزمون دسترسی" });
    const id = (await api.caller(inspector).protectedReport.list())[0]!.id;
    const view = await api.caller(inspector).protectedReport.get({ id });
    expect(view.text).toBe("گزارش برای آزمون دسترسی");
    for (const who of [admin, supervisor]) {
      expect(await failure(api.caller(who).protectedReport.get({ id }))).toMatchObject({ code: "FORBIDDEN" });
      expect(await failure(api.caller(who).protectedReport.list())).toMatchObject({ code: "FORBIDDEN" });
      expect((await api.caller(who).protectedReport.count()).open).toBeGreaterThan(0);
    }
    expect(await failure(api.caller(shirazInspector).protectedReport.get({ id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(api.caller(shirazInspector).protectedReport.ask({ id, text: "سؤال" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(api.caller(shirazInspector).protectedReport.setStatus({ id, status: "closed" }))).toMatchObject({ code: "NOT_FOUND" });
    // positive control: Shiraz's inspector reads Shiraz's own report
    await reporter().protectedReport.submit({ city: "shiraz", text: "گزارش شیراز" });
    const shirazId = (await api.caller(shirazInspector).protectedReport.list())[0]!.id;
    expect((await api.caller(shirazInspector).protectedReport.get({ id: shirazId })).text).toBe("گزارش شیراز");
    expect((await api.caller(shirazInspector).protectedReport.list()).map((r) => r.id)).not.toContain(id);

    const audits = await auditOf(id);
    expect(audits.map((a) => a.action)).toEqual(["protected_report.viewed"]);
  });

  it("photos: re-encoded without EXIF, decrypted only for an inspector, the download audited; documents refused at the field", async () => {
    const jpeg = Buffer.from(await phoneJpeg());
    expect(jpeg.toString("latin1")).toContain("TestCam");
    await reporter().protectedReport.submit({ city: "tehran", text: "عکس از صورت‌جلسه", files: [{ name: "x.jpg", data: jpeg.toString("base64") }] });
    const id = (await api.caller(inspector).protectedReport.list())[0]!.id;
    const entry = (await api.caller(inspector).protectedReport.get({ id })).entries.find((e) => e.kind === "photo")!;
    expect(entry.mime).toBe("image/jpeg");
    const photo = await api.caller(inspector).protectedReport.photo({ id, entryId: entry.id });
    const bytes = Buffer.from(photo.data, "base64");
    expect(bytes.subarray(0, 2).toString("hex")).toBe("ffd8");
    expect(bytes.toString("latin1")).not.toContain("TestCam");
    expect(await failure(api.caller(admin).protectedReport.photo({ id, entryId: entry.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(api.caller(shirazInspector).protectedReport.photo({ id, entryId: entry.id }))).toMatchObject({ code: "NOT_FOUND" });
    const audits = await auditOf(id);
    expect(audits.map((a) => a.action).sort()).toEqual(["protected_report.downloaded", "protected_report.viewed"]);

    const pdf = Buffer.from("%PDF-1.7\n1 0 obj <</Author (Ali Rezaei)>> endobj\n%%EOF\n").toString("base64");
    expect(await failure(reporter().protectedReport.submit({ city: "tehran", text: "سند", files: [{ name: "a.pdf", data: pdf }] }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { files: "protected.errors.photosOnly" } });
    expect(await failure(reporter().protectedReport.submit({ city: "tehran", text: "فایل خراب", files: [{ name: "a.jpg", data: Buffer.from("not a photo").toString("base64") }] }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { files: expect.stringMatching(/^errors\.attachment\./) } });
  });
});

describe("bad input and limits", () => {
  it("names the field: empty report, malformed receipt, unknown city, empty reply", async () => {
    expect(await failure(reporter().protectedReport.submit({ city: "tehran", text: "   " }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { text: "validation.required" } });
    expect(await failure(reporter().protectedReport.follow({ city: "tehran", receipt: "1234 5678" }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { receipt: "validation.receipt" } });
    expect(await failure(reporter().protectedReport.submit({ city: "atlantis", text: "گزارش" }))).toMatchObject({ code: "NOT_FOUND", messageKey: "portal.errors.unknownCity" });
    const { receipt } = await reporter().protectedReport.submit({ city: "tehran", text: "گزارش برای پاسخ خالی" });
    expect(await failure(reporter().protectedReport.reply({ city: "tehran", receipt }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { text: "validation.required" } });
  });

  it("five reports an hour per client, ten wrong receipts per quarter hour; another client is not held back", async () => {
    const one = api.caller(null, "192.0.2.50");
    for (let i = 0; i < 5; i++) await one.protectedReport.submit({ city: "tehran", text: `گزارش شمارهٔ ${i}` });
    expect(await failure(one.protectedReport.submit({ city: "tehran", text: "ششمی" }))).toMatchObject({ code: "TOO_MANY_REQUESTS", messageKey: "protected.errors.tooMany" });
    await expect(reporter().protectedReport.submit({ city: "tehran", text: "از جای دیگر" })).resolves.toMatchObject({ receipt: expect.any(String) });

    const guesser = api.caller(null, "192.0.2.51");
    for (let i = 0; i < 10; i++) expect(await failure(guesser.protectedReport.follow({ city: "tehran", receipt: `${String(i).repeat(4)}0000000000000000` }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(guesser.protectedReport.follow({ city: "tehran", receipt: "12345678901234567890" }))).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});
