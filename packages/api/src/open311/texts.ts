/**
 * The sentences Open311 sends on the wire (error descriptions, status notes,
 * update descriptions), in the two languages a city answers in. They are
 * protocol text for integrators and their users, so they live with the
 * protocol rather than in the console's resources.
 */
export type Open311Locale = "fa" | "en";

type Params = Record<string, string | number>;
type Text = { fa: string; en: string };

export const TEXTS = {
  cityNotFound: { fa: "شهری با شناسهٔ «{{city}}» (jurisdiction_id) پیدا نشد.", en: "jurisdiction_id “{{city}}” was not found." },
  jurisdictionRequired: { fa: "jurisdiction_id فرستاده نشده است؛ این نشانی به چند شهر خدمت می‌دهد.", en: "jurisdiction_id was not provided; this endpoint serves several cities." },
  jurisdictionMismatch: { fa: "jurisdiction_id «{{given}}» با شهر این نشانی ({{city}}) یکی نیست.", en: "jurisdiction_id “{{given}}” does not match this endpoint's city ({{city}})." },
  resourceNotFound: { fa: "چنین منبعی در Open311 این شهر نیست.", en: "There is no such Open311 resource." },
  formatUnknown: { fa: "قالب «{{format}}» پشتیبانی نمی‌شود؛ ‎.xml یا ‎.json بفرستید.", en: "Format “{{format}}” is not supported; use .xml or .json." },
  serviceCodeRequired: { fa: "service_code فرستاده نشده است.", en: "service_code was not provided." },
  serviceNotFound: { fa: "خدمتی با کد «{{code}}» (service_code) پیدا نشد.", en: "service_code “{{code}}” was not found." },
  serviceFilterUnknown: { fa: "service_code «{{code}}» در فهرست خدمات این شهر نیست.", en: "service_code “{{code}}” is not one of this city's services." },
  requestNotFound: { fa: "درخواستی با شناسهٔ «{{id}}» (service_request_id) پیدا نشد.", en: "service_request_id “{{id}}” was not found." },
  tokenNotFound: { fa: "این شهر توکن صادر نمی‌کند؛ شناسهٔ درخواست در پاسخ ثبت آمده است.", en: "This city issues no tokens: service_request_id is returned when a request is created." },
  apiKeyMissing: { fa: "api_key فرستاده نشده است؛ ثبت درخواست کلید می‌خواهد.", en: "api_key was not provided; creating a request needs one." },
  apiKeyInvalid: { fa: "api_key نادرست یا باطل‌شده است.", en: "Invalid or revoked api_key received; cannot create the request." },
  rateLimited: { fa: "با این api_key بیش از اندازه درخواست فرستاده شده است؛ یک دقیقهٔ دیگر دوباره بفرستید.", en: "Too many requests with this api_key; try again in a minute." },
  notForm: { fa: "بدنهٔ درخواست باید application/x-www-form-urlencoded باشد.", en: "The body must be application/x-www-form-urlencoded." },
  locationRequired: { fa: "مکان لازم است: lat و long، یا address_string.", en: "A location is required: lat and long, or address_string." },
  addressIdUnsupported: { fa: "این شهر address_id را نمی‌شناسد؛ lat و long یا address_string بفرستید.", en: "This city has no address register for address_id; send lat and long, or address_string." },
  latLongPair: { fa: "lat و long باید با هم فرستاده شوند.", en: "lat and long must be sent together." },
  latInvalid: { fa: "lat باید عددی بین ‎-90 و 90 باشد.", en: "lat must be a number between -90 and 90." },
  longInvalid: { fa: "long باید عددی بین ‎-180 و 180 باشد.", en: "long must be a number between -180 and 180." },
  descriptionTooLong: { fa: "description بیش از ۴۰۰۰ نویسه است.", en: "description is longer than 4,000 characters." },
  attributeRequired: { fa: "پاسخ پرسش «{{code}}» (attribute[{{code}}]) لازم است.", en: "attribute[{{code}}] is required for this service." },
  attributeInvalid: { fa: "پاسخ پرسش «{{code}}» (attribute[{{code}}]) درست نیست.", en: "attribute[{{code}}] has a value this service does not accept." },
  attributeTooLong: { fa: "پاسخ پرسش «{{code}}» (attribute[{{code}}]) بیش از اندازه بلند است.", en: "attribute[{{code}}] is too long." },
  phoneInvalid: { fa: "phone شمارهٔ همراه ایرانی نیست (مانند 09123456789).", en: "phone is not an Iranian mobile number (e.g. 09123456789)." },
  emailInvalid: { fa: "email نشانی رایانامهٔ درستی نیست.", en: "email is not a valid e-mail address." },
  mediaUrlInvalid: { fa: "media_url باید نشانی http یا https باشد.", en: "media_url must be an http or https URL." },
  fieldTooLong: { fa: "{{field}} بیش از اندازه بلند است.", en: "{{field}} is too long." },
  fieldInvalid: { fa: "{{field}} درست نیست.", en: "{{field}} is not valid." },
  dateInvalid: { fa: "{{field}} تاریخ و زمان W3C (ISO 8601) نیست، مانند 2026-11-25T08:00:00+03:30.", en: "{{field}} is not a W3C (ISO 8601) date-time such as 2026-11-25T08:00:00+03:30." },
  dateOrder: { fa: "end_date پیش از start_date است.", en: "end_date is before start_date." },
  dateSpan: { fa: "بازهٔ start_date تا end_date نباید بیش از ۹۰ روز باشد.", en: "start_date and end_date may not span more than 90 days." },
  statusInvalid: { fa: "status فقط open یا closed (یا هر دو با ویرگول) است.", en: "status must be open, closed, or both, comma separated." },
  pageInvalid: { fa: "{{field}} باید عدد درستی در بازهٔ مجاز باشد (page از ۱، page_size از ۱ تا ۱۰۰۰).", en: "{{field}} must be a whole number in range (page from 1, page_size 1 to 1000)." },
  tooManyIds: { fa: "حداکثر ۲۰۰ service_request_id در یک درخواست.", en: "At most 200 service_request_id values at once." },
  unavailable: { fa: "سامانه موقتاً در دسترس نیست؛ چند لحظهٔ دیگر دوباره بفرستید.", en: "The system is temporarily unavailable; send the request again in a moment." },
  internal: { fa: "درخواست پردازش نشد؛ دوباره تلاش کنید و اگر تکرار شد به شهرداری خبر دهید.", en: "The request could not be processed; try again, and tell the city if it keeps failing." },
  // Status notes and update descriptions
  duplicateNote: { fa: "درخواست تکراری است و همراه درخواست اصلی رسیدگی می‌شود.", en: "Duplicate request; it is handled with the original." },
  forwardedNote: { fa: "این موضوع در حوزهٔ شهرداری نیست و به دستگاه مسئول فرستاده شد.", en: "Not the municipality's responsibility; sent on to the responsible agency." },
  contact: { fa: "سامانهٔ {{short}} {{name}}: با شمارهٔ {{short}} تماس بگیرید.", en: "{{name}} {{short}} centre: call {{short}}." },
  contactShared: { fa: "سامانهٔ ۱۳۷ شهرها: هر شهر با jurisdiction_id (نشانی کوتاه شهر، مانند tehran) یا در نشانی ‎/open311/v2/{city}/ برگزیده می‌شود.", en: "City137: choose a city with jurisdiction_id (its short name, e.g. tehran) or the base /open311/v2/{city}/." },
  keyService: { fa: "api_key را ادارهٔ فناوری اطلاعات شهر (مدیر سامانه) در کنسول City137 می‌سازد: تنظیمات › کلیدهای Open311.", en: "API keys are issued by the city's IT department (city administrator) in the City137 console: Settings › Open311 API keys." },
} satisfies Record<string, Text>;

export type TextKey = keyof typeof TEXTS;

export function say(locale: Open311Locale, key: TextKey, params: Params = {}): string {
  return TEXTS[key][locale].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ""));
}
