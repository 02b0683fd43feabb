import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areas, categories, requests, tenants, units } from "../schema";
import { withoutTenant, withTenant } from "../tenant";
import { createTestDb, rng, type TestDb } from "../testing";
import { chooseWordPlan, MERGE_WORDS, mergeBeatsIntersect, RARE_WORD, wordPlanFor, wordsInRanges, type WordPlan } from "./request-search";
import { requestListQuery, type RequestFilter } from "./requests";

/*
 * The four ways a multi-word search reaches the messages (docs/decisions/030, 033) must give the
 * same page: seeded descriptions built from a small vocabulary (some words common, some rare,
 * some sharing a prefix, so a message may have two words of one prefix), every pair and triple of
 * words, both orders, several pages, with and without the list's other filters.
 */
let t: TestDb;
const city: Record<string, string> = {};
const VOCAB = ["زباله", "زبالهٔ", "ولیعصر", "چاله", "چالهٔ", "شریعتی", "درخت", "داربست", "آب", "آبگرفتگی", "پل", "نور"];
const WEIGHTS = [30, 5, 25, 8, 2, 10, 12, 1, 20, 3, 6, 9];

async function seedMessages(tenantId: string, count: number, seed: number) {
  const rand = rng(seed);
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  const word = () => {
    let r = rand() * total;
    for (let i = 0; i < VOCAB.length; i++) if ((r -= WEIGHTS[i]!) < 0) return VOCAB[i]!;
    return VOCAB[0]!;
  };
  await withTenant(t.db, tenantId, async (tx) => {
    const cats = await tx.select({ id: categories.id }).from(categories).where(eq(categories.tenantId, tenantId)).orderBy(categories.id).limit(3);
    const unitIds = (await tx.select({ id: units.id }).from(units).where(eq(units.tenantId, tenantId)).orderBy(units.id).limit(3)).map((u) => u.id);
    const districts = (await tx.select({ id: areas.id }).from(areas).where(sql`${areas.tenantId} = ${tenantId} and ${areas.level} = 'district'`).orderBy(areas.id).limit(3)).map((a) => a.id);
    const [last] = await tx.select({ seq: sql<number>`coalesce(max(${requests.seq}), 0)::int` }).from(requests).where(eq(requests.tenantId, tenantId));
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const rows = Array.from({ length: count }, (_, i) => {
      const text = Array.from({ length: 2 + Math.floor(rand() * 4) }, word).join(" ");
      const seq = (last?.seq ?? 0) + i + 1;
      // Some messages share a creation time, so the order's tie-breaker (seq) is exercised.
      const createdAt = new Date(Date.UTC(2026, 9, 1) + Math.floor(rand() * 400) * 3_600_000);
      // Varied enough for every filter of the list to cut (category, unit, district, status, kind, dates).
      const kind = rand() < 0.1 ? ("corruption_report" as const) : ("complaint" as const);
      const status = pick(["referred", "in_progress", "closed"] as const);
      return { tenantId, seq, trackingCode: `S${seed}-${seq}`, kind, categoryId: pick(cats).id, channel: "phone" as const, description: text, searchText: text, priority: "normal" as const, status, unitId: pick([...unitIds, null]), districtId: pick([...districts, null]), createdAt };
    });
    for (let i = 0; i < rows.length; i += 200) await tx.insert(requests).values(rows.slice(i, i + 200));
  });
}

const filter = (tenantId: string, words: string[], offset: number): RequestFilter => ({
  tenantId,
  scope: { units: "all", corruption: true },
  words,
  openOnly: false,
  limit: 10,
  offset,
});

const page = (tenantId: string, words: string[], offset: number, plan: WordPlan, more: Partial<RequestFilter> = {}) =>
  withTenant(t.db, tenantId, async (tx) => (await requestListQuery(tx, { ...filter(tenantId, words, offset), ...more }, plan)).map((r) => r.trackingCode));

/** The merge plan of a search: each word's description words, as chooseWordPlan finds them. */
const merge = async (tenantId: string, words: string[]): Promise<WordPlan> => ({
  kind: "merge",
  words: await withTenant(t.db, tenantId, (tx) => wordsInRanges(tx, tenantId, words)),
});

beforeAll(async () => {
  t = await createTestDb();
  for (const slug of ["tehran", "shiraz"]) {
    const [c] = await withoutTenant(t.db, (tx) => tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)));
    city[slug] = c!.id;
  }
  await seedMessages(city.tehran!, 600, 7);
  await seedMessages(city.shiraz!, 200, 11);
  // The plan is chosen from the planner's statistics of the word table.
  await t.owner.executeSql("analyze request_words");
}, 120_000);
afterAll(() => t?.close());

describe("word search plans", () => {
  it("walk, driven by each word, intersect and merge give the same pages for pairs and triples, and only the city's own messages", async () => {
    const tehran = city.tehran!;
    const sets = [
      ["زباله", "ولیعصر"],
      ["چاله", "شریعتی"],
      ["ولیعصر", "داربست"],
      ["آب", "زباله"],
      ["چاله", "آب", "نور"],
      ["درخت", "پل", "زباله"],
    ];
    let nonEmpty = 0;
    for (const words of sets) {
      for (const order of [words, [...words].reverse()]) {
        for (const offset of [0, 10, 30]) {
          const walk = await page(tehran, order, offset, { kind: "walk" });
          if (walk.length) nonEmpty++;
          expect(walk.every((c) => c.startsWith("S7-"))).toBe(true); // Tehran's only
          expect(await page(tehran, order, offset, { kind: "intersect" })).toEqual(walk);
          expect(await page(tehran, order, offset, await merge(tehran, order))).toEqual(walk);
          for (const rarest of order) expect(await page(tehran, order, offset, { kind: "driven", rarest })).toEqual(walk);
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(20); // the comparison is between real pages, not empty ones
    // Control: Shiraz's messages exist and match too, in Shiraz.
    expect((await page(city.shiraz!, ["زباله", "ولیعصر"], 0, { kind: "intersect" })).every((c) => c.startsWith("S11-"))).toBe(true);
    expect((await page(city.shiraz!, ["زباله", "ولیعصر"], 0, { kind: "intersect" })).length).toBeGreaterThan(0);
    expect(await page(city.shiraz!, ["زباله", "ولیعصر"], 0, await merge(city.shiraz!, ["زباله", "ولیعصر"]))).toEqual(await page(city.shiraz!, ["زباله", "ولیعصر"], 0, { kind: "walk" }));
  });

  it("merge expands each word to the description words of its prefix", async () => {
    expect(await merge(city.tehran!, ["زباله", "شریعتی", "آب"])).toEqual({ kind: "merge", words: [["زباله", "زبالهٔ"], ["شریعتی"], ["آب", "آبگرفتگی"]] });
    expect(MERGE_WORDS).toBeGreaterThan(1);
  });

  it("every plan applies the list's other filters the same way: category, unit, district, status, kind, dates, unit staff scope, corruption reports", async () => {
    const tehran = city.tehran!;
    const pick = await withTenant(t.db, tehran, async (tx) => {
      const [row] = await tx
        .select({ categoryId: requests.categoryId, unitId: requests.unitId, districtId: requests.districtId })
        .from(requests)
        .where(sql`${requests.tenantId} = ${tehran} and ${requests.unitId} is not null and ${requests.districtId} is not null`)
        .limit(1);
      return row!;
    });
    const filters: Array<Partial<RequestFilter>> = [
      { categoryId: pick.categoryId! },
      { unitIds: [pick.unitId!] },
      { districtId: pick.districtId! },
      { statuses: ["in_progress", "closed"] },
      { kind: "corruption_report" },
      { from: new Date(Date.UTC(2026, 9, 5)), to: new Date(Date.UTC(2026, 9, 12)) },
      { scope: { units: [pick.unitId!], corruption: false } }, // unit staff: their units, no corruption reports
      { scope: { units: "all", corruption: false } }, // anyone but inspectors
    ];
    let nonEmpty = 0;
    for (const more of filters) {
      for (const words of [["زباله", "ولیعصر"], ["چاله", "آب"], ["آب", "زباله", "نور"]]) {
        for (const offset of [0, 10]) {
          const walk = await page(tehran, words, offset, { kind: "walk" }, more);
          if (walk.length) nonEmpty++;
          expect(await page(tehran, words, offset, { kind: "intersect" }, more)).toEqual(walk);
          expect(await page(tehran, words, offset, { kind: "driven", rarest: words[1]! }, more)).toEqual(walk);
          expect(await page(tehran, words, offset, await merge(tehran, words), more)).toEqual(walk);
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it("keeps the merged order when a message's creation time is changed afterwards (fixtures, repairs)", async () => {
    const tehran = city.tehran!;
    const words = ["زباله", "ولیعصر"];
    const before = await page(tehran, words, 0, { kind: "walk" });
    // Move the last of the first page to the top, and the first to further down.
    await withTenant(t.db, tehran, (tx) =>
      tx.execute(sql`update requests set created_at = case when tracking_code = ${before.at(-1)!} then '2027-06-01T00:00:00Z'::timestamptz else '2026-10-01T00:30:00Z'::timestamptz end
                     where tenant_id = ${tehran} and tracking_code in (${before.at(-1)!}, ${before[0]!})`),
    );
    const walk = await page(tehran, words, 0, { kind: "walk" });
    expect(walk[0]).toBe(before.at(-1));
    expect(walk).not.toContain(before[0]);
    expect(await page(tehran, words, 0, await merge(tehran, words))).toEqual(walk);
  });

  it("chooses from the planner's estimate of each word in the city", async () => {
    const plan = await withTenant(t.db, city.tehran!, (tx) => chooseWordPlan(tx, { tenantId: city.tehran!, words: ["زباله", "داربست"], limit: 50 }));
    expect(plan).toEqual({ kind: "driven", rarest: "داربست" }); // tiny counts here: the rarest drives
    expect(await withTenant(t.db, city.tehran!, (tx) => chooseWordPlan(tx, { tenantId: city.tehran!, words: ["زباله"], limit: 50 }))).toEqual({ kind: "walk" });
  });

  it("walks when matches are dense, intersects when two fairly common words rarely meet, lets a rare word drive", () => {
    const N = 2_400_000;
    // زباله 515k × ولیعصر 467k: ~100,000 expected together, ~1,200 messages to walk for a page — walk.
    expect(wordPlanFor(["زباله", "ولیعصر"], [515_254, 466_640], N, 50)).toEqual({ kind: "walk" });
    // چاله 60k × شریعتی 78k: ~2,000 expected together, ~60,000 messages to walk for a page — intersect.
    expect(wordPlanFor(["چاله", "شریعتی"], [60_211, 78_225], N, 50)).toEqual({ kind: "intersect" });
    // داربست 597 with anything: it drives.
    expect(wordPlanFor(["زباله", "داربست"], [515_254, 597], N, 50)).toEqual({ kind: "driven", rarest: "داربست" });
    expect(wordPlanFor(["زباله", "داربست"], [515_254, RARE_WORD + 1], N, 50).kind).not.toBe("driven");
    // Where intersecting, newest-first lists are merged for the first pages (~1,960 expected
    // together), intersected for a page past half of them.
    expect(mergeBeatsIntersect([60_211, 78_225], N, 50)).toBe(true);
    expect(mergeBeatsIntersect([60_211, 78_225], N, 950)).toBe(true);
    expect(mergeBeatsIntersect([60_211, 78_225], N, 1_050)).toBe(false);
    // Two words that nearly always meet in a small city: walk.
    expect(wordPlanFor(["آب", "نور"], [9_000, 9_500], 10_000, 50)).toEqual({ kind: "walk" });
  });
});
