import { randomBytes, randomUUID } from "node:crypto";
import { AppError, groupReceipt, notFound, receiptFromBytes, receiptPrefix } from "@city137/core";
import { appendProtectedEntries, insertProtectedReport, lockProtectedReport, protectedReportsByPrefix, setProtectedReportStatus, type ProtectedReportRow, type Tx } from "@city137/db";
import type { ProtectedReplyInput, ProtectedSubmitInput } from "@city137/validators";
import { inCity, portalCity } from "../../portal/city";
import { protectedLimits } from "../../protected/client-tag";
import { newDataKey, seal, unwrapDataKey } from "../../protected/keys";
import { hashReceipt, receiptMatches } from "../../protected/receipt-hash";
import type { Context } from "../../trpc";
import { bodyAad, cleanPhotos, dayOf, decryptedReport, sealEntries } from "./content";

const tooMany = () => new AppError("TOO_MANY_REQUESTS", "protected.errors.tooMany");

/**
 * A new protected report: no account, no mobile, nothing of the client kept
 * (docs/decisions/017). The receipt is answered once and stored only as scrypt.
 */
export async function submitProtected(ctx: Context, input: ProtectedSubmitInput) {
  const city = await portalCity(ctx, input.city);
  const limits = protectedLimits(ctx.db);
  const tag = limits.tagger.tag(city.id, ctx.ip);
  const at = ctx.now().getTime();
  if (limits.submit.blocked(tag, at) || limits.citySubmit.blocked(city.id, at)) throw tooMany();
  const photos = await cleanPhotos(input.files);
  const receipt = receiptFromBytes(randomBytes(40));
  const receiptHash = await hashReceipt(receipt);
  const on = dayOf(ctx.now());
  const id = randomUUID();
  const key = newDataKey(ctx.protectedKeys, city.id, id);
  const report = await inCity(ctx, city, async (tx) => {
    const row = await insertProtectedReport(tx, {
      tenantId: city.id,
      id,
      receiptPrefix: receiptPrefix(receipt),
      receiptHash,
      keyVersion: key.version,
      wrappedKey: key.wrapped,
      body: seal(key.dataKey, Buffer.from(input.text, "utf8"), bodyAad(id)),
      receivedOn: on,
      updatedOn: on,
    });
    await appendProtectedEntries(tx, { tenantId: city.id, reportId: id, entries: sealEntries(key.dataKey, id, "reporter", on, undefined, photos) });
    return row;
  });
  limits.submit.hit(tag, at);
  limits.citySubmit.hit(city.id, at);
  return { receipt, grouped: groupReceipt(receipt), receivedOn: report.receivedOn, photos: photos.length };
}

/** The report a receipt opens in this city, or NOT_FOUND (the same for every failure); wrong receipts are limited per client. */
async function byReceipt(ctx: Context, tx: Tx, cityId: string, receipt: string): Promise<ProtectedReportRow> {
  const limits = protectedLimits(ctx.db);
  const tag = limits.tagger.tag(cityId, ctx.ip);
  const at = ctx.now().getTime();
  if (limits.follow.blocked(tag, at)) throw tooMany();
  for (const row of await protectedReportsByPrefix(tx, { tenantId: cityId, prefix: receiptPrefix(receipt) })) {
    if (await receiptMatches(receipt, row.receiptHash)) return row;
  }
  limits.follow.hit(tag, at);
  throw notFound("protected.errors.unknownReceipt");
}

/** What the reporter sees with the receipt: status, their report, the inspectors' questions and their answers. */
async function reporterView(ctx: Context, tx: Tx, row: ProtectedReportRow) {
  const { entries, ...report } = await decryptedReport(ctx.protectedKeys, tx, row);
  // The reporter's own photos are not sent back (only that they arrived), nor any id.
  return { ...report, entries: entries.map((e) => ({ author: e.author, kind: e.kind, writtenOn: e.writtenOn, text: e.text })) };
}

export async function followProtected(ctx: Context, input: { city: string; receipt: string }) {
  const city = await portalCity(ctx, input.city);
  return inCity(ctx, city, async (tx) => reporterView(ctx, tx, await byReceipt(ctx, tx, city.id, input.receipt)));
}

/** The reporter adds information or answers a question (text and/or photos). */
export async function replyProtected(ctx: Context, input: ProtectedReplyInput) {
  const city = await portalCity(ctx, input.city);
  if (!input.text && input.files.length === 0) throw new AppError("BAD_REQUEST", "validation.required", { field: "text" });
  const limits = protectedLimits(ctx.db);
  const tag = limits.tagger.tag(city.id, ctx.ip);
  if (limits.reply.blocked(tag, ctx.now().getTime())) throw tooMany();
  const photos = await cleanPhotos(input.files);
  return inCity(ctx, city, async (tx) => {
    const row = await byReceipt(ctx, tx, city.id, input.receipt);
    if (row.status === "closed") throw new AppError("CONFLICT", "protected.errors.closed", { field: "text" });
    await lockProtectedReport(tx, row);
    const on = dayOf(ctx.now());
    const dataKey = unwrapDataKey(ctx.protectedKeys, row);
    await appendProtectedEntries(tx, { tenantId: city.id, reportId: row.id, entries: sealEntries(dataKey, row.id, "reporter", on, input.text, photos) });
    // A reporter's answer puts a report that waited for them back in review.
    const status = row.status === "need_info" ? "in_review" : row.status;
    const updated = (await setProtectedReportStatus(tx, { tenantId: city.id, id: row.id, status, on }))!;
    limits.reply.hit(tag, ctx.now().getTime());
    return reporterView(ctx, tx, updated);
  });
}
