/** `--name value`, `--name=value` and bare `--flag` (true); nothing else. */
export function parseArgs(argv: string[] = process.argv.slice(2)): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new Error(`unexpected argument: ${a}`);
    const eq = a.indexOf("=");
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) out.set(a.slice(2), argv[++i]!);
    else out.set(a.slice(2), "true");
  }
  return out;
}

export function numberArg(args: Map<string, string>, name: string, fallback: number): number {
  const v = args.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${v}`);
  return n;
}

export function listArg(args: Map<string, string>, name: string, fallback: number[]): number[] {
  const v = args.get(name);
  return v === undefined ? fallback : v.split(",").map((x) => Number(x.trim()));
}
