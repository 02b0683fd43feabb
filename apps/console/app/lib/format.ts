import { formatDigits, type Locale } from "@city137/i18n";

/** A tracking code in groups of three, to read over the phone (Persian digits in Persian). */
export function readableCode(code: string, locale: Locale): string {
  const grouped = code.replace(/(\d{3})(?=\d)/g, "$1 ");
  return formatDigits(grouped, locale);
}

/** Overdue, due within four hours, or neither. */
export function deadlineState(deadline: string | Date | null, now: Date): "overdue" | "soon" | null {
  if (!deadline) return null;
  const at = new Date(deadline).getTime();
  if (at < now.getTime()) return "overdue";
  if (at < now.getTime() + 4 * 3_600_000) return "soon";
  return null;
}

/** Category id → its path of names ("خدمات شهری › پسماند › جمع‌آوری زباله"). */
export function categoryPaths(categories: Array<{ id: string; parentId: string | null; nameFa: string; nameEn: string }>, locale: string) {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const out = new Map<string, string>();
  for (const c of categories) {
    const names: string[] = [];
    for (let at: typeof c | undefined = c; at && names.length < 16; at = at.parentId ? byId.get(at.parentId) : undefined) {
      names.unshift(locale === "fa" ? at.nameFa : at.nameEn);
    }
    out.set(c.id, names.join(" › "));
  }
  return out;
}
