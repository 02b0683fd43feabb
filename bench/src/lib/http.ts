import http from "node:http";

/**
 * A keep-alive HTTP/1.1 client on node:http (no extra dependency). Each call
 * resolves with the status and the body text; network errors and timeouts
 * reject.
 */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(baseUrl: string, opts: { maxSockets?: number; timeoutMs?: number } = {}) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 512, maxFreeSockets: opts.maxSockets ?? 512 });
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  private readonly timeoutMs: number;

  request(method: "GET" | "POST", path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          headers: body === undefined ? headers : { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      // A total deadline from the moment the call is made (queueing for a socket included), so an
      // overloaded server's backlog ends as errors instead of stretching the run without bound.
      const timer = setTimeout(() => req.destroy(new Error("timeout")), this.timeoutMs);
      req.on("close", () => clearTimeout(timer));
      req.on("error", reject);
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** tRPC over HTTP as the console's client speaks it (no transformer): queries GET ?input=, mutations POST a JSON body. */
export class TrpcClient {
  constructor(readonly http: HttpClient, private token: string | null = null) {}

  private headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  async query<T>(path: string, input?: unknown): Promise<T> {
    const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.unwrap<T>(path, await this.http.request("GET", `/trpc/${path}${qs}`, undefined, this.headers()));
  }

  async mutation<T>(path: string, input: unknown): Promise<T> {
    return this.unwrap<T>(path, await this.http.request("POST", `/trpc/${path}`, JSON.stringify(input), this.headers()));
  }

  /** Raw: for the load loops, which only look at the status. */
  send(method: "GET" | "POST", path: string, input: unknown) {
    return method === "GET"
      ? this.http.request("GET", `/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, undefined, this.headers())
      : this.http.request("POST", `/trpc/${path}`, JSON.stringify(input), this.headers());
  }

  async signIn(city: string, login: string, password: string) {
    const r = await this.mutation<{ token: string }>("auth.signIn", { city, login, password });
    this.token = r.token;
    return this;
  }

  private unwrap<T>(path: string, res: { status: number; text: string }): T {
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
    return (JSON.parse(res.text) as { result: { data: T } }).result.data;
  }
}
