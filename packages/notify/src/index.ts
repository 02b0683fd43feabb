export type { SmsProvider, OutgoingSms, SentSms, DeliveryStatus } from "./provider";
export { SmsProviderError } from "./provider";
export { devSmsProvider } from "./dev-provider";
export { kavenegarProvider, kavenegarDelivery, type KavenegarOptions } from "./kavenegar";
export { DEFAULT_TEMPLATES, SMS_EVENTS, isSmsEvent, renderSms, unknownPlaceholders, TEMPLATE_PLACEHOLDERS, type SmsEvent, type SmsLocale, type SmsVars } from "@city137/core";
export { smsDispatcher, type SmsDispatcherOptions } from "./dispatcher";
export { refreshDeliveries } from "./delivery";
