import { SmsProviderError, type DeliveryStatus, type SmsProvider } from "./provider";

export interface KavenegarOptions {
  apiKey: string;
  /** The default sender line; a city's own line wins. */
  sender: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}

interface KavenegarReply {
  return?: { status?: number; message?: string };
  entries?: Array<{ messageid?: number | string; status?: number }>;
}

/** Kavenegar's message statuses: 10 delivered; 6, 11, 13, 14, 100 never will be; the rest are on their way. */
export function kavenegarDelivery(status: number): DeliveryStatus {
  if (status === 10) return "delivered";
  if ([6, 11, 13, 14, 100].includes(status)) return "undelivered";
  return "pending";
}

/**
 * Kavenegar's REST API (https://api.kavenegar.com/v1/{key}/sms/send.json):
 * form-encoded, answers `{return: {status, message}, entries: [...]}`, with
 * status 200 for success. The API key travels in the path, so it is never
 * logged here; errors carry only Kavenegar's status and message.
 */
export function kavenegarProvider(opts: KavenegarOptions): SmsProvider {
  const base = (opts.baseUrl ?? "https://api.kavenegar.com").replace(/\/$/, "");
  const doFetch = opts.fetch ?? fetch;
  const call = async (method: string, form: Record<string, string>) => {
    let res: Response;
    try {
      res = await doFetch(`${base}/v1/${encodeURIComponent(opts.apiKey)}/sms/${method}.json`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      });
    } catch (err) {
      throw new SmsProviderError(`kavenegar ${method}: unreachable (${err instanceof Error ? err.message : String(err)})`, null);
    }
    const reply = (await res.json().catch(() => ({}))) as KavenegarReply;
    const status = reply.return?.status ?? res.status;
    if (status !== 200) throw new SmsProviderError(`kavenegar ${method}: ${status} ${reply.return?.message ?? res.statusText}`, status);
    return reply.entries ?? [];
  };
  return {
    name: "kavenegar",
    send: async (sms) => {
      const entries = await call("send", { receptor: sms.to, message: sms.body, sender: sms.sender ?? opts.sender, localid: sms.localId });
      const id = entries[0]?.messageid;
      if (id === undefined) throw new SmsProviderError("kavenegar send: no message id in the reply", null);
      return { providerMessageId: String(id), deliveryStatus: kavenegarDelivery(Number(entries[0]?.status ?? 1)) };
    },
    status: async (ids) => {
      if (ids.length === 0) return [];
      const entries = await call("status", { messageid: ids.join(",") });
      return entries.map((e) => ({ providerMessageId: String(e.messageid), deliveryStatus: kavenegarDelivery(Number(e.status)) }));
    },
  };
}
