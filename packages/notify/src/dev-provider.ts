import { randomUUID } from "node:crypto";
import type { SmsProvider } from "./provider";

/**
 * The embedded default: sends nothing to any network. The dispatcher records
 * every message in the city's sms_messages table, which is this provider's
 * inbox; staff read it on the console's SMS page (and tests read codes there).
 */
export function devSmsProvider(): SmsProvider {
  return {
    name: "dev",
    send: async () => ({ providerMessageId: `dev-${randomUUID()}`, deliveryStatus: "delivered" }),
  };
}
