import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@city137/api";
import { createTestDb, type TestDb } from "@city137/db/testing";
import { LocalDiskStore } from "@city137/files";
import { createApp } from "../app";
import { createLogger } from "../logger";

/**
 * Input fuzzing of the public surface over HTTP (portal submit, tracking,
 * one-time codes, the protected channel, Open311 POST, citizen uploads):
 * random and malformed bodies, huge fields, wrong types, Persian and Arabic
 * digits mixed with Latin ones, path tricks in file names, an image bomb.
 * Every answer is below 500 and carries no stack; a refused call leaves every
 * table exactly as it was (no half-written row). FUZZ_RUNS sets the runs per
 * property (default 40).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
let t: TestDb;
let root: string;
let app: ReturnType<typeof createApp>;
let waste = "";
let apiKey = "";
let ipSeq = 0;
/** A new client address per call, so rate limits answer 429 only where a test wants them to. */
const nextIp = () => `198.51.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

type Answer = { status: number; text: string };
const send = async (path: string, init: RequestInit = {}): Promise<Answer> => {
  const res = await app.request(path, { ...init, headers: { "x-forwarded-for": nextIp(), ...(init.headers as Record<string, string> | undefined) } });
  return { status: res.status, text: await res.text() };
};
const trpcPost = (path: string, body: string, contentType = "application/json") => send(`/trpc/${path}`, { method: "POST", headers: { "content-type": contentType }, body });
const trpcGet = (path: string, input: string) => send(`/trpc/${path}?input=${encodeURIComponent(input)}`);

/** Row counts of every table: a refused call must leave them unchanged. */
async function counts(): Promise<Record<string, number>> {
  const tables = await t.owner.query<{ name: string }>("select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public') and table_type = 'BASE TABLE' order by 1");
  const out: Record<string, number> = {};
  for (const { name } of tables) out[name] = Number((await t.owner.query<{ n: number }>(`select count(*)::int as n from ${name}`))[0]!.n);
  return out;
}

/** Never a server error, never a stack or an internal message; a refusal writes nothing. */
async function expectSafe(call: () => Promise<Answer>, ok: number[] = [200, 201]) {
  const before = await counts();
  const res = await call();
  expect(res.status, res.text.slice(0, 400)).toBeLessThan(500);
  expect(res.text).not.toMatch(/\bat [\w.<>$]+ \(|\.ts:\d+|node_modules|stack/i);
  if (!ok.includes(res.status)) expect(await counts(), `refused with ${res.status} but wrote rows: ${res.text.slice(0, 200)}`).toEqual(before);
  return res;
}

const DIGITS = { latin: "0123456789", persian: "۰۱۲۳۴۵۶۷۸۹", arabic: "٠١٢٣٤٥٦٧٨٩" };
/** The same number written with each digit from a random script. */
const mixedDigits = (latin: string) =>
  fc.array(fc.constantFrom("latin", "persian", "arabic"), { minLength: latin.length, maxLength: latin.length }).map((scripts) =>
    [...latin].map((ch, i) => (/\d/.test(ch) ? DIGITS[scripts[i] as keyof typeof DIGITS][Number(ch)] : ch)).join(""),
  );
const TRICKS = ["", " ", "\u0000", "\u200f۰۹۱۲\u200e", "../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow", "%2e%2e%2f", "<script>alert(1)</script>", "' or '1'='1", "${jndi:ldap://x/a}", "NaN", "-1", "1e309", "\uD800", "ی".repeat(70_000), "x".repeat(300_000)];
/** Any value a client could send in a field. */
const nasty = fc.oneof(
  fc.constantFrom(...TRICKS),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  mixedDigits("09121234567"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 4 }),
  fc.object({ maxDepth: 1 }),
);
/** A valid input with some fields replaced, removed, or unknown ones added. */
const mutated = (base: Record<string, unknown>) =>
  fc
    .record({
      replace: fc.dictionary(fc.constantFrom(...Object.keys(base)), nasty, { maxKeys: 3 }),
      drop: fc.subarray(Object.keys(base), { maxLength: 2 }),
      extra: fc.dictionary(fc.string({ maxLength: 12 }), nasty, { maxKeys: 2 }),
    })
    .map(({ replace, drop, extra }) => {
      const out: Record<string, unknown> = { ...extra, ...base, ...replace };
      for (const k of drop) delete out[k];
      return out;
    });
/** Bodies that are not what any procedure expects at all. */
const rawBodies = fc.oneof(
  fc.constantFrom("", "{", "[]", "null", "\"x\"", "{\"city\":", "\u0000\u0001", "{}".repeat(50_000), JSON.stringify({ a: "x".repeat(2_000_000) })),
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
);

let n = 0;
const submitBase = () => ({ city: "tehran", idempotencyKey: `fuzz-submit-${Date.now()}-${++n}`, kind: "complaint", categoryId: waste, description: "زباله‌های کوچه جمع نشده", attributes: { waste_type: "household" }, mobile: "09121234567" });

beforeAll(async () => {
  t = await createTestDb();
  root = await mkdtemp(join(tmpdir(), "c137-fuzz-"));
  app = createApp({ db: t.db, log: createLogger("silent"), trustProxy: true, files: new LocalDiskStore(root) });
  const admin = (JSON.parse((await trpcPost("auth.signIn", JSON.stringify({ city: "tehran", login: "tehran.admin", password: "demo-pass-137" }))).text) as { result: { data: { token: string } } }).result.data.token;
  const auth = { authorization: `Bearer ${admin}` };
  waste = (JSON.parse((await send("/trpc/category.list", { headers: auth })).text) as { result: { data: Array<{ code: string; id: string }> } }).result.data.find((c) => c.code === "waste.collection")!.id;
  // A refused registration may already have taken its tracking number (docs/decisions/022); one
  // accepted message first makes Tehran's counter row exist, so "nothing written" stays a row count.
  expect((await trpcPost("portal.submit", JSON.stringify(submitBase()))).status).toBe(200);
  apiKey = (JSON.parse((await send("/trpc/apiKey.create", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ label: "fuzz" }) })).text) as { result: { data: { secret: string } } }).result.data.secret;
});
afterAll(async () => {
  await t?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("fuzzing the public endpoints", () => {
  it("portal submit: mutated inputs", async () => {
    await fc.assert(fc.asyncProperty(mutated(submitBase()), async (input) => void (await expectSafe(() => trpcPost("portal.submit", JSON.stringify(input))))), { numRuns: RUNS });
  });

  it("portal submit: a mobile in mixed Persian, Arabic and Latin digits is taken and stored as 09…", async () => {
    await fc.assert(
      fc.asyncProperty(mixedDigits("09121234567"), async (mobile) => {
        const res = await expectSafe(() => trpcPost("portal.submit", JSON.stringify({ ...submitBase(), mobile })));
        expect(res.status, res.text.slice(0, 300)).toBe(200);
        const code = (JSON.parse(res.text) as { result: { data: { trackingCode: string } } }).result.data.trackingCode;
        const [row] = await t.owner.query<{ m: string }>("select citizen_mobile as m from requests where tracking_code = $1", [code]);
        expect(row!.m).toBe("09121234567");
      }),
      { numRuns: Math.min(RUNS, 15) },
    );
  });

  it("tracking, one-time codes and the protected channel: mutated inputs, over GET and POST", async () => {
    const cases: Array<[string, "query" | "mutation", Record<string, unknown>]> = [
      ["portal.track", "query", { city: "tehran", trackingCode: "100000000", last4: "4567" }],
      ["portal.otpRequest", "mutation", { city: "tehran", mobile: "09121234567" }],
      ["portal.otpVerify", "mutation", { city: "tehran", mobile: "09121234567", code: "123456" }],
      ["portal.feedback", "mutation", { city: "tehran", trackingCode: "100000000", last4: "4567", score: 5 }],
      ["protectedReport.submit", "mutation", { city: "tehran", text: "گزارش آزمون" }],
    ];
    for (const [path, type, base] of cases) {
      await fc.assert(
        fc.asyncProperty(mutated(base), async (input) => {
          const call = type === "query" ? () => trpcGet(path, JSON.stringify(input)) : () => trpcPost(path, JSON.stringify(input));
          await expectSafe(call);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it("malformed bodies, wrong content types and methods on every public procedure", async () => {
    const paths = ["portal.submit", "portal.track", "portal.otpRequest", "portal.otpVerify", "portal.feedback", "portal.addInfo", "protectedReport.submit", "auth.signIn"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), rawBodies, fc.constantFrom("application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"), async (path, body, type) => {
        await expectSafe(() => trpcPost(path, typeof body === "string" ? body : JSON.stringify(body), type));
        await expectSafe(() => trpcGet(path, typeof body === "string" ? body : JSON.stringify(body)));
      }),
      { numRuns: RUNS },
    );
  });

  it("every procedure of the router (new ones included), called without a session with random inputs", async () => {
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
    expect(procedures.length).toBeGreaterThan(50);
    const input = fc.oneof(
      fc.record({ city: fc.constantFrom("tehran", "shiraz", "../tehran", "TEHRAN", "تهران", ""), id: nasty, trackingCode: nasty, code: nasty, session: nasty, receipt: nasty, text: nasty }, { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 10 }), nasty, { maxKeys: 4 }),
      nasty,
    );
    for (const [path, procedure] of procedures) {
      const before = await counts();
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          const body = JSON.stringify(value) ?? "null";
          const res = procedure._def.type === "query" ? await trpcGet(path, body) : await trpcPost(path, body);
          expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
          expect(res.text, path).not.toMatch(/\bat [\w.<>$]+ \(|\.ts:\d+|node_modules|stack/i);
          if (res.status < 300) accepted++;
        }),
        { numRuns: Math.max(3, Math.round(RUNS / 8)) },
      );
      // nothing taken, nothing written
      if (accepted === 0) expect(await counts(), `${path} refused every call but wrote rows`).toEqual(before);
    }
  });

  it("Open311 POST: mutated forms, with and without a valid key", async () => {
    const base = { api_key: apiKey, service_code: "waste.collection", lat: "35.82", long: "51.101", "attribute[waste_type]": "household", description: "زباله جمع نشده", phone: "09121234567" };
    await fc.assert(
      fc.asyncProperty(mutated(base), fc.constantFrom("/open311/v2/tehran/requests.json", "/open311/v2/tehran/requests.xml", "/open311/v2/requests.json?jurisdiction_id=tehran"), async (fields, path) => {
        const form = new URLSearchParams();
        for (const [k, v] of Object.entries(fields)) form.append(k, typeof v === "string" ? v : JSON.stringify(v) ?? "");
        await expectSafe(() => send(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() }));
      }),
      { numRuns: RUNS },
    );
  });

  it("citizen uploads: random bytes, path tricks in names, a forged token, and an image bomb", async () => {
    const sub = JSON.parse((await trpcPost("portal.submit", JSON.stringify(submitBase()))).text) as { result: { data: { trackingCode: string; uploadToken: string } } };
    const { trackingCode, uploadToken } = sub.result.data;
    const upload = (bytes: Uint8Array, name: string, token = uploadToken, code = trackingCode) => {
      const form = new FormData();
      form.append("file", new File([bytes], name));
      return send(`/portal-files/tehran/requests/${encodeURIComponent(code)}`, { method: "POST", body: form, headers: { "x-upload-token": token } });
    };
    const names = fc.oneof(fc.constantFrom("../../etc/passwd", "..\\..\\evil.jpg", "/abs/path.png", "a\u0000b.jpg", "photo.jpg.exe", "‮gpj.exe", ".htaccess", "con.png", "x".repeat(5000) + ".png", "عکس ۱.jpg", ""), fc.string({ maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), names, fc.boolean(), async (bytes, name, forged) => {
        const res = await expectSafe(() => upload(bytes, name, forged ? "x".repeat(43) : uploadToken));
        // a file that was taken keeps no directory part in its name
        if (res.status === 201 || res.status === 200) expect(res.text).not.toMatch(/"originalName":"[^"]*[\\/]/);
      }),
      { numRuns: RUNS },
    );
    // A PNG of a few hundred bytes declaring 50,000 × 50,000 pixels (2.5 gigapixels)
    const bomb = pngDeclaring(50_000, 50_000);
    expect(bomb.length).toBeLessThan(1024);
    const res = await expectSafe(() => upload(bomb, "bomb.png"));
    expect(res.status, res.text).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ field: "file", messageKey: expect.stringMatching(/^errors\.attachment\.(tooManyPixels|unreadableImage)$/) });
    // control: a real small PNG is taken
    const ok = await expectSafe(() => upload(pngDeclaring(2, 2, true), "ok.png"));
    expect(ok.status, ok.text).toBe(201);
  });
});

/** A minimal PNG: IHDR with the given size and one tiny IDAT (complete pixels only when `complete`). */
function pngDeclaring(width: number, height: number, complete = false): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, k) => {
    let c = k;
    for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const raw = complete ? Buffer.alloc((width * 3 + 1) * height, 0x7f).fill(0, 0, 1) : Buffer.alloc(1024);
  if (complete) for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0;
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]));
}
