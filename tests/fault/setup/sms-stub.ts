import { createServer, type Server } from "node:http";
import { freePort } from "./ports";

export interface Received {
  localId: string;
  to: string;
  body: string;
}

/**
 * A stand-in for Kavenegar's REST API (POST /v1/{key}/sms/send.json, form
 * fields receptor, message, sender, localid). While `down`, it answers 503
 * and keeps nothing; up, it keeps each SMS and answers with a message id.
 */
export async function startSmsStub() {
  const received: Received[] = [];
  let refusedWhileDown = 0;
  let down = false;
  let next = 1000;
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (down) {
        refusedWhileDown++;
        res.statusCode = 503;
        res.end(JSON.stringify({ return: { status: 503, message: "service unavailable" } }));
        return;
      }
      if (!/\/sms\/send\.json$/.test(req.url ?? "")) {
        res.end(JSON.stringify({ return: { status: 200, message: "ok" }, entries: [] }));
        return;
      }
      const form = new URLSearchParams(raw);
      received.push({ localId: form.get("localid") ?? "", to: form.get("receptor") ?? "", body: form.get("message") ?? "" });
      res.end(JSON.stringify({ return: { status: 200, message: "ok" }, entries: [{ messageid: next++, status: 1 }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get refusedWhileDown() {
      return refusedWhileDown;
    },
    setDown(value: boolean) {
      down = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
