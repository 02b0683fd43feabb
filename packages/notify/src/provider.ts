/** One SMS handed to a provider. */
export interface OutgoingSms {
  to: string;
  body: string;
  /** The city's sender line, when it has its own. */
  sender: string | null;
  /** Stable per notification: providers that dedupe on their side get it (Kavenegar's localid). */
  localId: string;
}

export type DeliveryStatus = "pending" | "delivered" | "undelivered";

export interface SentSms {
  providerMessageId: string;
  /** What is known right after sending (the development provider knows at once). */
  deliveryStatus: DeliveryStatus;
}

/** An SMS service. Throwing means "not sent"; the outbox retries with backoff. */
export interface SmsProvider {
  readonly name: string;
  send(sms: OutgoingSms): Promise<SentSms>;
  /** Delivery reports for sent ids, where the provider can be asked. */
  status?(providerMessageIds: string[]): Promise<Array<{ providerMessageId: string; deliveryStatus: DeliveryStatus }>>;
}

export class SmsProviderError extends Error {
  constructor(
    message: string,
    readonly providerCode: number | null,
  ) {
    super(message);
  }
}
