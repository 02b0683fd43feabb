/**
 * Routing decision for one message against a tree of 500 rules.
 * Target (issue 3): well under 1 ms. Run: npx -y pnpm@9.15.9 bench:core
 */
import { CHANNELS, MESSAGE_KINDS, compileTree, route, type RoutingMessage, type RoutingRule } from "@city137/core";
import { measure, report } from "../lib";

const RULES = 500;
const rnd = (() => {
  let s = 42;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
})();
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const categories = Array.from({ length: 300 }, (_, i) => `cat-${i}`);
const regions = Array.from({ length: 22 }, (_, i) => `r-${i}`);

const rules: RoutingRule[] = Array.from({ length: RULES }, (_, i) => ({
  id: `rule-${i}`,
  name: `rule ${i}`,
  when: {
    categoryIds: [pick(categories), pick(categories)],
    ...(i % 3 === 0 ? { kinds: [pick(MESSAGE_KINDS)] } : {}),
    ...(i % 4 === 0 ? { regionIds: [pick(regions)] } : {}),
    ...(i % 5 === 0 ? { channels: [pick(CHANNELS)] } : {}),
    ...(i % 7 === 0 ? { timeWindow: { from: "22:00", to: "06:00" } } : {}),
    ...(i % 11 === 0 ? { keywords: ["آبگرفتگی", "ریزش"] } : {}),
  },
  then: { assign: { type: "unit", unitId: `unit-${i % 40}` } },
}));
const tree = compileTree({ rules, fallback: { assign: { type: "district_office" } } });
const offices = { districtOffice: () => "u-district", regionOffice: () => "u-region" };

// Messages whose category matches no rule walk all 500 rules: the worst case.
const worst: RoutingMessage[] = Array.from({ length: 1000 }, () => ({
  categoryPath: ["root", "cat-none"],
  kind: pick(MESSAGE_KINDS),
  regionId: pick(regions),
  districtId: "d-1",
  channel: pick(CHANNELS),
  priority: "normal",
  at: new Date(Date.UTC(2026, 10, 21, Math.floor(rnd() * 24))),
  text: "در کوچه ما زباله‌ها سه روز است جمع نشده و بوی بد می‌دهد",
}));
const typical: RoutingMessage[] = worst.map((m) => ({ ...m, categoryPath: ["root", pick(categories)] }));

let sink = 0;
const w = measure((i) => {
  sink += route(tree, worst[i % worst.length]!, offices).unitId ? 1 : 0;
});
const t = measure((i) => {
  sink += route(tree, typical[i % typical.length]!, offices).unitId ? 1 : 0;
});
report("routing-500-rules", {
  rules: RULES,
  worstCase: { ...w, meanUs: w.meanNs / 1000 },
  typical: { ...t, meanUs: t.meanNs / 1000 },
  target: "well under 1 ms per decision",
  sink,
});
