/**
 * District lookup against Tehran's 124 districts (22 regions).
 * Target (issue 3): ≥ 100,000 lookups per second on one core. Run: npx -y pnpm@9.15.9 bench:core
 */
import { DistrictIndex, syntheticBoundaries } from "@city137/core";
import { measure, report } from "../lib";

const bbox: [number, number, number, number] = [51.1, 35.55, 51.6, 35.83];
const perRegion = Array.from({ length: 22 }, (_, i) => (i < 14 ? 6 : 5));
const { districts } = syntheticBoundaries(bbox, perRegion);
const index = new DistrictIndex(districts.map((d, i) => ({ id: `d${i}`, regionId: `r${d.regionNumber}`, geometry: d.geometry })));

let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
// 90% of points inside the city, 10% just outside it (misplaced pins)
const points = Array.from({ length: 10_000 }, (_, i) =>
  i % 10 === 0
    ? [bbox[2] + 0.01 + rnd() * 0.1, bbox[1] + rnd() * 0.3]
    : [bbox[0] + rnd() * (bbox[2] - bbox[0]), bbox[1] + rnd() * (bbox[3] - bbox[1])],
);

let found = 0;
const m = measure((i) => {
  const p = points[i % points.length]!;
  if (index.locate(p[0]!, p[1]!)) found++;
});
report("district-lookup-tehran", { districts: districts.length, ...m, target: ">= 100000 lookups/s on one core", found });
