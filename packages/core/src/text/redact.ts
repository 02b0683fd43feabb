/**
 * Phone numbers, national ids and e-mail addresses a citizen or a note may
 * have written into free text, replaced by ***: for text shown to the public
 * (Open311 reads, the portal's public messages).
 */
export function redact(text: string): string {
  return text
    .replace(/[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/g, "***")
    .replace(/(?:\+|00)?[0-9۰-۹٠-٩](?:[\s\-–.]?[0-9۰-۹٠-٩]){7,}/g, "***");
}
