const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A small, fast, seedable PRNG (sfc32) and the draws the generator needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number | string) {
    // Spread the seed over the state with a string hash (cyrb-style).
    const text = String(seed);
    let h1 = 0xdeadbeef, h2 = 0x41c6ce57; // prettier-ignore
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    this.a = h1 >>> 0;
    this.b = h2 >>> 0;
    this.c = (h1 ^ h2) >>> 0;
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given median and spread (sigma of the log). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A version-4 UUID drawn from this generator (reproducible ids). */
  uuid(): string {
    const h = (n: number) => n.toString(16).padStart(8, "0");
    const a = h(this.u32()), b = h(this.u32()), c = h(this.u32()), d = h(this.u32()); // prettier-ignore
    const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }

  hex(chars: number): string {
    let s = "";
    for (let i = 0; i < chars; i += 2) s += HEX[this.u32() & 0xff];
    return s.slice(0, chars);
  }
}

/** Draws from a fixed discrete distribution: cumulative weights and a binary search. */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new Error("a distribution needs at least one entry");
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, w], i) => {
      if (!(w >= 0)) throw new Error(`negative or invalid weight: ${w}`);
      total += w;
      this.cumulative[i] = total;
    });
    if (!(total > 0)) throw new Error("weights sum to zero");
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i]! /= total;
  }

  /** The probability of each item (sums to 1). */
  probabilities(): number[] {
    return Array.from(this.cumulative, (c, i) => c - (i ? this.cumulative[i - 1]! : 0));
  }

  draw(rng: Rng): T {
    const u = rng.next();
    let lo = 0, hi = this.cumulative.length - 1; // prettier-ignore
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
