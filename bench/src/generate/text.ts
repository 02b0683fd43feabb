import { toPersianDigits } from "@city137/core";
import { Rng, Weighted } from "./random";

/**
 * Persian descriptions assembled from phrase lists, so that a word search has
 * realistic selectivity: category words are common, street names follow a
 * Zipf-like curve, and a tail of rare details appears in a few per thousand.
 */
const BY_CATEGORY: Record<string, string[]> = {
  "waste.collection": [
    "زباله‌های {place} چند روز است جمع‌آوری نشده و بوی بد می‌دهد",
    "کیسه‌های زباله در {place} روی هم انباشته شده است",
    "ماشین حمل زباله دیشب به {place} نیامد",
    "زباله‌ها در {place} پخش شده و گربه‌ها کیسه‌ها را پاره کرده‌اند",
  ],
  "waste.debris": [
    "نخاله ساختمانی در {place} رها شده و راه را بسته است",
    "کامیون شبانه آوار ساختمانی را در {place} خالی کرده است",
    "مصالح و نخاله کنار {place} مانده است",
  ],
  "waste.street_cleaning": [
    "جوی آب {place} پر از برگ و گل است و لایروبی نشده",
    "خیابان {place} رفت‌وروب نمی‌شود و کثیف است",
    "جوی کنار {place} گرفته و آب راه نمی‌رود",
  ],
  "waste.bins": [
    "مخزن زباله {place} شکسته است",
    "مخزن زباله را از {place} برده‌اند و جای آن خالی است",
    "تعداد مخزن زباله در {place} کافی نیست",
  ],
  "green.trees": [
    "شاخه‌های درخت در {place} روی سیم برق افتاده است",
    "درخت خشک در {place} ممکن است بیفتد",
    "هرس درختان {place} انجام نشده و شاخه‌ها جلوی تابلو را گرفته‌اند",
  ],
  "green.parks": [
    "وسایل بازی کودکان در بوستان {place} خراب است",
    "نیمکت‌های پارک {place} شکسته است",
    "سرویس بهداشتی بوستان {place} تمیز نیست",
  ],
  "green.irrigation": [
    "فضای سبز {place} آبیاری نمی‌شود و چمن‌ها خشک شده‌اند",
    "شیر آب فضای سبز {place} باز مانده و آب هدر می‌رود",
  ],
  animals: [
    "چند سگ ولگرد در {place} به رهگذران حمله می‌کنند",
    "لاشه حیوان در {place} افتاده است",
    "سگ‌های رهاشده شب‌ها در {place} سروصدا می‌کنند",
  ],
  lighting: [
    "چراغ‌های {place} خاموش است و شب‌ها تاریک است",
    "تیر چراغ برق در {place} چشمک می‌زند",
    "روشنایی پارک {place} کافی نیست",
  ],
  "roads.potholes": [
    "چاله بزرگ در آسفالت {place} به ماشین‌ها آسیب می‌زند",
    "آسفالت {place} بعد از حفاری ترمیم نشده است",
    "دریچه فاضلاب در {place} پایین‌تر از سطح آسفالت است",
  ],
  "roads.sidewalks": [
    "پیاده‌رو {place} خراب است و سالمندان زمین می‌خورند",
    "رمپ معلولان در {place} وجود ندارد",
    "موزاییک‌های پیاده‌رو {place} شکسته است",
  ],
  "roads.flooding": [
    "آب‌گرفتگی شدید در {place} بعد از باران",
    "خیابان {place} را آب گرفته و ماشین‌ها گیر کرده‌اند",
    "سیل در {place} وارد زیرزمین خانه‌ها شده است",
  ],
  "roads.signs": [
    "تابلو ورود ممنوع {place} افتاده است",
    "خط‌کشی عابر پیاده {place} پاک شده است",
    "چراغ راهنمایی {place} کار نمی‌کند",
  ],
  "transit.bus": [
    "اتوبوس خط {line} در ایستگاه {place} توقف نمی‌کند",
    "فاصله حرکت اتوبوس‌های خط {line} خیلی زیاد است",
    "راننده اتوبوس خط {line} رفتار نامناسب داشت",
  ],
  "transit.metro": ["پله برقی ایستگاه مترو خراب است", "قطار مترو صبح‌ها بسیار شلوغ است و تاخیر دارد", "تهویه واگن‌های مترو کار نمی‌کند"],
  "transit.taxi": ["راننده تاکسی کرایه اضافه گرفت", "تاکسی‌ها در ایستگاه مسافر سوار نمی‌کنند", "راننده تاکسی بدون پلاک مجاز کار می‌کند"],
  "planning.illegal": [
    "ساخت‌وساز غیرمجاز در {place} شبانه ادامه دارد",
    "یک طبقه اضافه بدون پروانه در {place} ساخته می‌شود",
    "تغییر کاربری غیرمجاز مغازه در {place}",
  ],
  "planning.obstruction": [
    "دست‌فروشان پیاده‌رو {place} را اشغال کرده‌اند",
    "مغازه‌دار اجناس خود را در پیاده‌رو {place} چیده است",
    "سد معبر در {place} عبور عابران را سخت کرده است",
  ],
  "planning.unsafe": [
    "گود ساختمانی در {place} بدون حفاظ است و خطر ریزش دارد",
    "دیوار ساختمان قدیمی در {place} ترک برداشته و ممکن است فرو بریزد",
  ],
  fire: ["بوی دود از انبار در {place} می‌آید", "سیم‌کشی برق ساختمان در {place} جرقه می‌زند", "کپسول آتش‌نشانی ساختمان اداری {place} خالی است"],
  conduct: [
    "کارمند شهرداری منطقه پاسخ مناسب نداد",
    "پرونده من در شهرداری چند ماه است بلاتکلیف مانده",
    "تلفن دفتر شهرداری ناحیه جواب نمی‌دهد",
    "مامور شهرداری با مردم بدرفتاری کرد",
  ],
  general: [
    "از پیگیری سریع همکاران سامانه ۱۳۷ سپاسگزارم",
    "پیشنهاد می‌کنم در محله ما دوچرخه اشتراکی راه‌اندازی شود",
    "انتقاد دارم که اطلاع‌رسانی طرح‌های عمرانی کافی نیست",
    "پیشنهاد ایجاد کتابخانه محله در سرای محله",
    "از رفتار خوب پاکبان محله تشکر می‌کنم",
  ],
  corruption: [
    "مامور کنترل ساختمان برای چشم‌پوشی از تخلف پول خواست",
    "پیمانکار فضای سبز کار انجام نداده و صورت‌وضعیت گرفته است",
    "درخواست رشوه برای صدور پروانه",
  ],
  "external.water": ["لوله آب در {place} ترکیده و آب هدر می‌رود", "فاضلاب در {place} پس زده است", "آب {place} از دیشب قطع است"],
  "external.power": ["برق {place} قطع شده است", "کابل برق در {place} آویزان است", "ترانس برق {place} صدای زیاد دارد"],
  "external.gas": ["بوی گاز در {place} می‌آید", "لوله گاز در {place} آسیب دیده است"],
  "external.traffic_police": ["خودروها در {place} دوبله پارک می‌کنند", "ترافیک سنگین در {place} پلیس ندارد", "رانندگی خطرناک موتورسواران در {place}"],
};

/** Streets, with Zipf-like weights (the first appear most). Common across Iranian cities. */
const STREETS = [
  "ولیعصر", "انقلاب", "آزادی", "امام خمینی", "طالقانی", "شریعتی", "کریمخان", "جمهوری", "مطهری", "بهشتی",
  "فاطمی", "نواب", "ستارخان", "پاسداران", "دماوند", "پیروزی", "شهدا", "مدرس", "سعدی", "حافظ",
  "فردوسی", "خیام", "بوعلی", "مولوی", "کارگر", "جمالزاده", "قزوین", "هلال احمر", "نیایش", "هفت تیر",
  "میرداماد", "ظفر", "دولت", "گلبرگ", "نارمک", "تهرانپارس", "شهران", "سیدخندان", "منیریه", "خاوران",
  "بهار", "سهروردی", "آیت", "رسالت", "زرگنده", "باغ فیض", "ابوذر", "کمیل", "یافت‌آباد", "شمشیری",
];
const STREET = new Weighted(STREETS.map((s, i) => [s, 1 / (i + 1)] as const));

const KIND_OF_WAY = ["خیابان", "خیابان", "خیابان", "بلوار", "کوچه", "میدان"];
const LANDMARKS = ["نزدیک مدرسه", "روبه‌روی مسجد", "کنار پارک", "جنب نانوایی", "نبش کوچه", "پشت بازار", "مقابل درمانگاه", "کنار ایستگاه اتوبوس"];
const OPENERS = ["سلام", "با سلام و احترام", "سلام وقت بخیر", "", "", ""];
const DURATIONS = ["از دیروز", "از هفته گذشته", "چند روز است", "بیش از یک ماه است", "از صبح امروز", "", ""];
const PLEAS = [
  "لطفا رسیدگی کنید",
  "لطفا هر چه زودتر رسیدگی شود",
  "چند بار تماس گرفته‌ام ولی رسیدگی نشده است",
  "خواهشمندم پیگیری کنید",
  "ممنون می‌شوم اقدام کنید",
  "",
];
/** Rare details: each appears in well under one message per thousand. */
const RARE = [
  "داربست", "کانکس", "ضایعات آهن", "کبوترها", "موریانه", "بالابر", "جرثقیل", "تابلوی تبلیغاتی",
  "کیوسک", "سرعت‌گیر", "دوربین", "چادر", "پرچم", "آبنما", "شترمرغ", "بشکه",
];

export function placePhrase(rng: Rng): string {
  const way = rng.pick(KIND_OF_WAY);
  const street = STREET.draw(rng);
  const alley = rng.chance(0.35) ? `، کوچه ${toPersianDigits(1 + rng.int(40))}` : "";
  const landmark = rng.chance(0.3) ? ` ${rng.pick(LANDMARKS)}` : "";
  return `${way} ${street}${alley}${landmark}`;
}

/** A citizen's description of the problem in the given category. */
export function description(categoryCode: string, rng: Rng): string {
  const core = rng
    .pick(BY_CATEGORY[categoryCode] ?? BY_CATEGORY.general!)
    .replace("{place}", () => placePhrase(rng))
    .replace("{line}", () => toPersianDigits(1 + rng.int(400)));
  const parts = [rng.pick(OPENERS), rng.pick(DURATIONS), core];
  if (rng.chance(0.004)) parts.push(`و ${rng.pick(RARE)} هم آنجا رها شده`);
  parts.push(rng.pick(PLEAS));
  return parts.filter(Boolean).join("، ").replace(/^(سلام[^،]*)، /, "$1. ") + ".";
}

/** An address as an operator types it (Persian digits). */
export function address(rng: Rng): string {
  return `${placePhrase(rng)}، پلاک ${toPersianDigits(1 + rng.int(250))}`;
}

const GIVEN = ["محمد", "علی", "حسین", "رضا", "مهدی", "فاطمه", "زهرا", "مریم", "سارا", "نرگس", "امیر", "حمید", "مرتضی", "سمیه", "لیلا", "پریسا", "کاظم", "جواد", "الهام", "نازنین"];
const FAMILY = ["احمدی", "محمدی", "حسینی", "رضایی", "کریمی", "موسوی", "جعفری", "صادقی", "رحیمی", "نوری", "اکبری", "قاسمی", "یزدانی", "طاهری", "فرهادی", "شریفی", "کاظمی", "ملکی", "عباسی", "زمانی"];

export function personName(rng: Rng): string {
  return `${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`;
}

/** Mobile prefixes by operator share (Hamrah-e Aval, Irancell, Rightel). */
const PREFIXES = new Weighted<string>([
  ["0912", 0.2], ["0919", 0.08], ["0910", 0.05], ["0911", 0.03], ["0913", 0.02], ["0915", 0.02], ["0917", 0.02], ["0990", 0.05], ["0991", 0.03],
  ["0935", 0.12], ["0936", 0.08], ["0937", 0.05], ["0938", 0.04], ["0939", 0.04], ["0901", 0.06], ["0902", 0.04], ["0903", 0.03], ["0930", 0.02],
  ["0921", 0.01], ["0922", 0.01],
]); // prettier-ignore

export function mobile(rng: Rng): string {
  return PREFIXES.draw(rng) + String(rng.int(10_000_000)).padStart(7, "0");
}

/**
 * Callers: most call once, a few call often (the Shiraz festival honoured the
 * 18 citizens with most contacts). A pool of regulars is drawn with a heavy
 * head; everyone else is a fresh number.
 */
export class Callers {
  private readonly regulars: string[];

  constructor(messages: number, rng: Rng, private readonly regularShare = 0.3) {
    this.regulars = Array.from({ length: Math.max(10, Math.round(messages * 0.02)) }, () => mobile(rng));
  }

  /** null: the citizen left no number (anonymous web, app, QR). */
  next(rng: Rng, anonymousShare: number): string | null {
    if (rng.chance(anonymousShare)) return null;
    if (rng.chance(this.regularShare)) return this.regulars[Math.floor(this.regulars.length * rng.next() ** 3)]!;
    return mobile(rng);
  }

  /** The most frequent callers first (for the mobile-lookup benchmark). */
  get pool(): readonly string[] {
    return this.regulars;
  }
}

/** Short answers the units write when they resolve, reject or close. */
export const NOTES = {
  resolve: ["موضوع بررسی و رفع شد", "اکیپ اعزام و مشکل برطرف گردید", "اقدام لازم انجام شد", "زباله‌ها جمع‌آوری شد", "ترمیم انجام شد"],
  reject: ["موضوع در حیطه وظایف شهرداری نیست", "آدرس ناقص است و محل پیدا نشد", "پس از بازدید مشکلی مشاهده نشد"],
  reopen: ["شهروند اعلام کرد مشکل همچنان باقی است", "کار ناقص انجام شده است"],
  close: ["شهروند از رسیدگی رضایت داشت", "پس از نظرسنجی بسته شد", ""],
} as const;
