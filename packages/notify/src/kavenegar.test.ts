import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { kavenegarDelivery, kavenegarProvider } from "./kavenegar";

const BASE = "https://api.kavenegar.test";
const sent: Array<{ path: string; form: URLSearchParams }> = [];
let credit = true;

/** Kavenegar's REST API as documented: form posts, {return: {status, message}, entries}. */
const server = setupServer(
  http.post(`${BASE}/v1/:key/sms/send.json`, async ({ request, params }) => {
    const form = new URLSearchParams(await request.text());
    sent.push({ path: `/v1/${String(params.key)}/sms/send.json`, form });
    if (params.key !== "good-key") return HttpResponse.json({ return: { status: 403, message: "کلید شناسایی معتبر نمی باشد" }, entries: null }, { status: 403 });
    if (!credit) return HttpResponse.json({ return: { status: 418, message: "اعتبار حساب شما کافی نیست" }, entries: null }, { status: 418 });
    return HttpResponse.json({ return: { status: 200, message: "تایید شد" }, entries: [{ messageid: 8792343, message: form.get("message"), status: 1, statustext: "در صف ارسال", sender: form.get("sender"), receptor: form.get("receptor"), date: 1356619709, cost: 120 }] });
  }),
  http.post(`${BASE}/v1/:key/sms/status.json`, async ({ request }) => {
    const ids = new URLSearchParams(await request.text()).get("messageid")!.split(",");
    return HttpResponse.json({ return: { status: 200, message: "تایید شد" }, entries: ids.map((id, i) => ({ messageid: Number(id), status: i === 0 ? 10 : 11, statustext: i === 0 ? "رسیده به گیرنده" : "نرسیده به گیرنده" })) });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  sent.length = 0;
  credit = true;
});
afterAll(() => server.close());

describe("Kavenegar provider", () => {
  it("sends with the city's line, the receptor, the text and the outbox id as localid", async () => {
    const p = kavenegarProvider({ apiKey: "good-key", sender: "10004346", baseUrl: BASE });
    const out = await p.send({ to: "09121234567", body: "کد رهگیری: 123", sender: "300013700", localId: "outbox-1" });
    expect(out).toEqual({ providerMessageId: "8792343", deliveryStatus: "pending" });
    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(sent[0]!.form)).toEqual({ receptor: "09121234567", message: "کد رهگیری: 123", sender: "300013700", localid: "outbox-1" });
    // Without a city line, the account's default sender.
    await p.send({ to: "09121234567", body: "x", sender: null, localId: "outbox-2" });
    expect(sent[1]!.form.get("sender")).toBe("10004346");
  });

  it("throws Kavenegar's status and message (never the API key) so the outbox retries", async () => {
    credit = false;
    const p = kavenegarProvider({ apiKey: "good-key", sender: "10004346", baseUrl: BASE });
    const err = await p.send({ to: "09121234567", body: "x", sender: null, localId: "o" }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe("kavenegar send: 418 اعتبار حساب شما کافی نیست");
    const bad = await kavenegarProvider({ apiKey: "wrong-key", sender: "1", baseUrl: BASE }).send({ to: "09121234567", body: "x", sender: null, localId: "o" }).catch((e: Error) => e);
    expect((bad as Error).message).toContain("403");
    expect((bad as Error).message).not.toContain("wrong-key");
  });

  it("reads delivery reports: 10 delivered, 11 not delivered, queued states pending", async () => {
    const p = kavenegarProvider({ apiKey: "good-key", sender: "1", baseUrl: BASE });
    expect(await p.status!(["1", "2"])).toEqual([
      { providerMessageId: "1", deliveryStatus: "delivered" },
      { providerMessageId: "2", deliveryStatus: "undelivered" },
    ]);
    expect([1, 2, 4, 5, 10, 11, 6, 14].map(kavenegarDelivery)).toEqual(["pending", "pending", "pending", "pending", "delivered", "undelivered", "undelivered", "undelivered"]);
  });

  it("counts an unreachable service as a failed send", async () => {
    const p = kavenegarProvider({ apiKey: "good-key", sender: "1", baseUrl: "http://127.0.0.1:9" });
    server.close();
    try {
      await expect(p.send({ to: "09121234567", body: "x", sender: null, localId: "o" })).rejects.toThrow(/unreachable/);
    } finally {
      server.listen({ onUnhandledRequest: "error" });
    }
  });
});
