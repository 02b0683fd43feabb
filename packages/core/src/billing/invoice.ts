/** What a plan charges for one period, in rial, from the usage measured. */
export interface PlanPrices {
  monthlyPriceRial: number;
  annualPriceRial: number;
  includedSeats: number;
  includedMessages: number;
  extraSeatRial: number;
  extraThousandMessagesRial: number;
}

export interface InvoiceLineDraft {
  code: "base" | "extra_seats" | "extra_messages";
  quantity: number;
  unitRial: number;
  amountRial: number;
}

/**
 * The lines of an invoice. Extra messages are charged per started thousand
 * above the included amount; extra seats per seat above the included seats.
 * An annual cycle bills the annual price once (its overage still monthly).
 */
export function invoiceLines(plan: PlanPrices, usage: { messages: number; seats: number }, cycle: "monthly" | "annual", includeBase = true): InvoiceLineDraft[] {
  const lines: InvoiceLineDraft[] = [];
  if (includeBase) {
    const base = cycle === "annual" ? plan.annualPriceRial : plan.monthlyPriceRial;
    lines.push({ code: "base", quantity: 1, unitRial: base, amountRial: base });
  }
  const extraSeats = Math.max(0, usage.seats - plan.includedSeats);
  if (extraSeats > 0) lines.push({ code: "extra_seats", quantity: extraSeats, unitRial: plan.extraSeatRial, amountRial: extraSeats * plan.extraSeatRial });
  const extraThousands = Math.ceil(Math.max(0, usage.messages - plan.includedMessages) / 1000);
  if (extraThousands > 0) {
    lines.push({ code: "extra_messages", quantity: extraThousands, unitRial: plan.extraThousandMessagesRial, amountRial: extraThousands * plan.extraThousandMessagesRial });
  }
  return lines;
}

export function invoiceTotal(lines: InvoiceLineDraft[]): number {
  return lines.reduce((sum, l) => sum + l.amountRial, 0);
}
