/** tRPC over HTTP, as any client sends it: the input as the JSON body of a POST. */
export async function trpcPost(base: string, path: string, input: unknown, token?: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(Number(process.env.FAULT_CLIENT_TIMEOUT_MS ?? 30_000)),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text: the test reports it
  }
  return { status: res.status, body };
}

export async function signIn(base: string, city: string, login: string): Promise<string> {
  const r = await trpcPost(base, "auth.signIn", { city, login, password: "demo-pass-137" });
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.result.data.token as string;
}

export interface Sent<T> {
  i: number;
  result?: T;
  error?: string;
}

/**
 * Open loop: call i leaves at start + i / rate whatever happened to the
 * earlier ones (a stalled server does not slow the arrivals), and `during`
 * runs alongside (the fault). Resolves with every call's outcome.
 */
export async function openLoop<T>(rate: number, seconds: number, call: (i: number) => Promise<T>, during?: () => Promise<void>): Promise<Array<Sent<T>>> {
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const outcomes: Array<Promise<Sent<T>>> = [];
  const fault = during?.();
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    outcomes.push(call(i).then((result) => ({ i, result }), (err: unknown) => ({ i, error: String(err) })));
  }
  await fault;
  return Promise.all(outcomes);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until fn answers true (or throws after `ms`). */
export async function until(what: string, fn: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await fn()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(250);
  }
}
