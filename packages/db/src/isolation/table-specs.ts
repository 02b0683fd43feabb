import { sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { nextSeq, reportRow, requestRow, seqNow, tag, type TableSpec } from "./spec-rows";
import { citizenSessions, otpChallenges, portalSettings, qrCodes, smsMessages, smsTemplates } from "../schema";
import { apiKeys, areas, attachments, auditLog, open311Requests, outbox, requestEvents, requestFeedback, requestSupporters, requestWords, requests, responseTemplates, savedFilters, staffInvitations, tenantCounters, categories, holidays, routingVersions, sessions, slaCalendars, staff, staffUnits, units } from "../schema";
import { billingAccounts, billingInvoices, billingPayments, billingStripeEvents, billingUsageDaily } from "../schema";
import { scoringFormulas } from "../schema";
import { protectedReportEntries, protectedReports } from "../schema";
import { insightCitizenDaily, insightCitizenDirtyDays, insightCitizenWeeks, insightDaily, insightDailyCells, insightDailyHours, insightDailyScore, insightDirtyDays, insightSpan, insightSpanCells, insightSpanHours } from "../schema";
import { directSessions } from "../schema";
import { recognitionConsents } from "../schema";

export { reportRow, requestRow, tag, type CityFixture, type TableSpec } from "./spec-rows";

/** One entry per tenant table. The test fails when a table is missing here. */
export const TABLE_SPECS: Record<string, TableSpec> = {
  areas: {
    table: areas,
    key: areas.id,
    newRow: (f) => ({ tenantId: f.tenantId, level: "neighbourhood", code: `T${tag()}`, nameFa: "آزمون", nameEn: "Test" }),
    change: { nameEn: sql`name_en` },
  },
  categories: {
    table: categories,
    key: categories.id,
    newRow: (f) => ({ tenantId: f.tenantId, code: `T${tag()}`, nameFa: "آزمون", nameEn: "Test", kinds: ["request"] }),
    change: { nameEn: sql`name_en` },
  },
  routing_versions: {
    table: routingVersions,
    key: routingVersions.id,
    newRow: (f) => ({
      tenantId: f.tenantId,
      number: nextSeq(),
      status: "archived",
      tree: { rules: [], fallback: { assign: { type: "district_office" } } },
    }),
    change: { note: sql`note` },
  },
  sla_calendars: {
    table: slaCalendars,
    key: slaCalendars.id,
    freshUnit: true,
    newRow: (f) => ({ tenantId: f.tenantId, name: "آزمون", mode: "24x7", week: [[], [], [], [], [], [], []], unitId: f.unitId }),
    change: { name: sql`name` },
  },
  holidays: {
    table: holidays,
    key: holidays.id,
    newRow: (f) => ({
      tenantId: f.tenantId,
      // One day per row (a holiday is unique per city and date): a random day collided now and then.
      date: new Date(Date.UTC(2040, 0, 1) + nextSeq() * 86_400_000).toISOString().slice(0, 10),
      jalaliYear: 1418,
      nameFa: "آزمون",
    }),
    change: { nameFa: sql`name_fa` },
  },
  units: {
    table: units,
    key: units.id,
    newRow: (f) => ({ tenantId: f.tenantId, code: `T${tag()}`, kind: "hq", nameFa: "آزمون", nameEn: "Test" }),
    change: { nameEn: sql`name_en` },
  },
  staff: {
    table: staff,
    key: staff.id,
    newRow: (f) => ({
      tenantId: f.tenantId,
      username: `t${tag()}`,
      email: `${tag()}@test.example`,
      displayName: "آزمون",
      passwordHash: "x",
      roles: ["operator"],
    }),
    change: { displayName: sql`display_name` },
  },
  staff_units: {
    freshUnit: true,
    table: staffUnits,
    key: staffUnits.unitId,
    // a unit created in the same transaction keeps the key fresh
    newRow: (f) => ({ tenantId: f.tenantId, staffId: f.staffId, unitId: f.unitId }),
    change: { unitId: sql`unit_id` },
  },
  sessions: {
    table: sessions,
    key: sessions.id,
    newRow: (f) => ({ tenantId: f.tenantId, staffId: f.staffId, tokenHash: tag(), expiresAt: new Date(Date.now() + 3600_000) }),
    change: { lastSeenAt: sql`last_seen_at` },
  },
  staff_invitations: {
    table: staffInvitations,
    key: staffInvitations.id,
    newRow: (f) => ({ tenantId: f.tenantId, staffId: f.staffId, tokenHash: tag(), expiresAt: new Date(Date.now() + 3600_000) }),
    change: { usedAt: sql`used_at` },
  },
  requests: {
    table: requests,
    key: requests.id,
    newRow: (f) => requestRow(f),
    change: { updatedAt: sql`updated_at` },
  },
  request_events: {
    table: requestEvents,
    key: requestEvents.id,
    freshRequest: true,
    newRow: (f) => ({ tenantId: f.tenantId, requestId: f.requestId, type: "note" }),
    change: { note: sql`note` },
    appendOnly: true,
  },
  attachments: {
    table: attachments,
    key: attachments.id,
    freshRequest: true,
    newRow: (f) => {
      const id = randomUUID();
      const storageKey = `${f.tenantId}/${f.requestId}/${id}`;
      return { tenantId: f.tenantId, id, requestId: f.requestId, purpose: "citizen", kind: "photo", mime: "image/jpeg", sizeBytes: 1, sha256: "0".repeat(64), storageKey, originalName: "x.jpg" };
    },
    change: { originalName: sql`original_name` },
  },
  api_keys: {
    table: apiKeys,
    key: apiKeys.id,
    newRow: (f) => ({ tenantId: f.tenantId, label: "آزمون", keyHash: tag(), prefix: "o311_test", createdBy: f.staffId }),
    change: { lastUsedAt: sql`last_used_at` },
  },
  open311_requests: {
    table: open311Requests,
    key: open311Requests.requestId,
    freshRequest: true,
    newRow: (f) => ({ tenantId: f.tenantId, requestId: f.requestId, mediaUrl: "https://example.org/photo.jpg" }),
    change: { mediaUrl: sql`media_url` },
  },
  request_feedback: {
    table: requestFeedback,
    key: requestFeedback.id,
    freshRequest: true,
    newRow: (f) => ({ tenantId: f.tenantId, requestId: f.requestId, score: 4, source: "portal" }),
    change: { comment: sql`comment` },
  },
  insight_daily: {
    table: insightDaily,
    key: insightDaily.key,
    newRow: (f) => ({ tenantId: f.tenantId, day: 20000, dimension: "none", key: `k${tag()}`, corruption: false, all: 1, open: 0, resolved: 0, dueResolved: 0, onTime: 0, reopened: 0, duplicate: 0, forwarded: 0, rated: 0, ratingSum: 0 }),
    change: { all: sql`n_all` },
  },
  insight_daily_hours: {
    table: insightDailyHours,
    key: insightDailyHours.measure,
    newRow: (f) => ({ tenantId: f.tenantId, day: 20000, corruption: false, measure: `m${tag()}`, hours: 1, n: 1 }),
    change: { n: sql`n` },
  },
  insight_daily_cells: {
    table: insightDailyCells,
    key: insightDailyCells.category,
    newRow: (f) => ({ tenantId: f.tenantId, day: 20000, category: `c${tag()}`, corruption: false, cellY: 3570, cellX: 5140, n: 1 }),
    change: { n: sql`n` },
  },
  insight_span: {
    table: insightSpan,
    key: insightSpan.key,
    newRow: (f) => ({ tenantId: f.tenantId, kind: "month", startDay: 20000, dimension: "none", key: `k${tag()}`, corruption: false, all: 1, open: 0, resolved: 0, dueResolved: 0, unresolvedDeadline: 0, onTime: 0, reopened: 0, duplicate: 0, forwarded: 0, rated: 0, ratingSum: 0, firstDay: 20000, lastDay: 20000 }),
    change: { all: sql`n_all` },
  },
  insight_span_hours: {
    table: insightSpanHours,
    key: insightSpanHours.measure,
    newRow: (f) => ({ tenantId: f.tenantId, kind: "month", startDay: 20000, corruption: false, measure: `m${tag()}`, hours: 1, n: 1 }),
    change: { n: sql`n` },
  },
  insight_span_cells: {
    table: insightSpanCells,
    key: insightSpanCells.category,
    newRow: (f) => ({ tenantId: f.tenantId, kind: "month", startDay: 20000, category: `c${tag()}`, corruption: false, cellY: 3570, cellX: 5140, n: 1 }),
    change: { n: sql`n` },
  },
  insight_daily_score: {
    table: insightDailyScore,
    key: insightDailyScore.key,
    newRow: (f) => ({ tenantId: f.tenantId, day: 20000, level: "unit", key: `k${tag()}`, volume: 1, dueResolved: 0, unresolvedDeadline: 0, onTime: 0, resolved: 0, reopened: 0, ratings: 0, ratingSum: 0, targets: [72], inTarget: [0] }),
    change: { volume: sql`n_volume` },
  },
  insight_citizen_daily: {
    table: insightCitizenDaily,
    key: insightCitizenDaily.mobile,
    newRow: (f) => ({ tenantId: f.tenantId, mobile: `0912${String(seqNow()).slice(-7)}${tag()}`, day: 20000, confirmed: 1, accepted: 0, feedback: 0, supports: 0 }),
    change: { confirmed: sql`n_confirmed` },
  },
  insight_citizen_weeks: {
    table: insightCitizenWeeks,
    key: insightCitizenWeeks.mobile,
    newRow: (f) => ({ tenantId: f.tenantId, mobile: `0912${String(seqNow()).slice(-7)}${tag()}`, week: 3000, confirmed: 1, accepted: 0, feedback: 0, supports: 0, points: 3 }),
    change: { points: sql`points` },
  },
  insight_citizen_dirty_days: {
    table: insightCitizenDirtyDays,
    key: insightCitizenDirtyDays.id,
    newRow: (f) => ({ tenantId: f.tenantId, day: 20000 }),
    change: { day: sql`day` },
  },
  insight_dirty_days: {
    table: insightDirtyDays,
    key: insightDirtyDays.id,
    newRow: (f) => ({ tenantId: f.tenantId, day: 20000 }),
    change: { day: sql`day` },
  },
  request_supporters: {
    table: requestSupporters,
    key: requestSupporters.id,
    freshRequest: true,
    newRow: (f) => ({ tenantId: f.tenantId, requestId: f.requestId, mobile: `0912${String(seqNow()).slice(-7)}`, channel: "phone" }),
    change: { name: sql`name` },
  },
  recognition_consents: {
    table: recognitionConsents,
    key: recognitionConsents.mobile,
    newRow: (f) => ({ tenantId: f.tenantId, mobile: `0912${String(seqNow()).slice(-7)}${tag()}`, name: "شهروند", givenAt: new Date() }),
    change: { name: sql`name` },
  },
  request_words: {
    table: requestWords,
    key: requestWords.word,
    freshRequest: true,
    newRow: (f) => ({ tenantId: f.tenantId, requestId: f.requestId, word: `w${tag()}`, createdAt: new Date(), seq: 1 }),
    change: { word: sql`word` },
  },
  response_templates: {
    table: responseTemplates,
    key: responseTemplates.id,
    newRow: (f) => ({ tenantId: f.tenantId, categoryId: f.categoryId, titleFa: "آزمون", titleEn: "Test", body: "پاسخ" }),
    change: { body: sql`body` },
  },
  scoring_formulas: {
    table: scoringFormulas,
    key: scoringFormulas.id,
    newRow: (f) => ({ tenantId: f.tenantId, version: nextSeq(), weights: { compliance: 1, resolutionTime: 1, satisfaction: 1, reopen: 1 }, minVolume: 1, targetHours: 72 }),
    change: { note: sql`note` },
  },
  saved_filters: {
    table: savedFilters,
    key: savedFilters.id,
    newRow: (f) => ({ tenantId: f.tenantId, staffId: f.staffId, name: `f${tag()}`, query: {} }),
    change: { shared: sql`shared` },
  },
  sms_messages: {
    table: smsMessages,
    key: smsMessages.id,
    newRow: (f) => ({ tenantId: f.tenantId, dedupeKey: tag(), event: "test", to: "09120000000", body: "آزمون", locale: "fa", provider: "dev", status: "sent" }),
    change: { body: sql`body` },
  },
  sms_templates: {
    table: smsTemplates,
    key: smsTemplates.id,
    newRow: (f) => ({ tenantId: f.tenantId, event: `t${tag()}`, locale: "fa", body: "آزمون" }),
    change: { body: sql`body` },
  },
  portal_settings: {
    table: portalSettings,
    key: portalSettings.id,
    newRow: (f) => ({ tenantId: f.tenantId, signingSecret: tag() }),
    change: { reopenWindowDays: sql`reopen_window_days` },
  },
  otp_challenges: {
    table: otpChallenges,
    key: otpChallenges.id,
    newRow: (f) => ({ tenantId: f.tenantId, mobile: "09120000000", codeHash: tag(), clientHash: tag(), expiresAt: new Date(Date.now() + 300_000) }),
    change: { attempts: sql`attempts` },
  },
  citizen_sessions: {
    table: citizenSessions,
    key: citizenSessions.id,
    newRow: (f) => ({ tenantId: f.tenantId, mobile: "09120000000", tokenHash: tag(), expiresAt: new Date(Date.now() + 3600_000) }),
    change: { expiresAt: sql`expires_at` },
  },
  qr_codes: {
    table: qrCodes,
    key: qrCodes.id,
    newRow: (f) => ({ tenantId: f.tenantId, code: tag(), label: "آزمون", placeKind: "kiosk", unitId: f.unitId }),
    change: { scans: sql`scans` },
  },
  tenant_counters: {
    table: tenantCounters,
    key: tenantCounters.name,
    newRow: (f) => ({ tenantId: f.tenantId, name: `t${tag()}` }),
    change: { value: sql`value` },
  },
  outbox: {
    table: outbox,
    key: outbox.id,
    newRow: (f) => ({ tenantId: f.tenantId, topic: "test", dedupeKey: tag(), payload: {} }),
    change: { attempts: sql`attempts` },
  },
  billing_accounts: {
    table: billingAccounts,
    key: billingAccounts.id,
    newRow: (f) => ({ tenantId: f.tenantId, itContactName: "آزمون" }),
    change: { legalName: sql`legal_name` },
  },
  billing_invoices: {
    table: billingInvoices,
    key: billingInvoices.id,
    newRow: (f) => ({ tenantId: f.tenantId, periodStart: "2026-03-21", periodEnd: "2026-04-20", issuedOn: "2026-04-21", dueOn: "2026-05-05", lines: [], totalRial: 0, idempotencyKey: tag() }),
    change: { paidRial: sql`paid_rial` },
  },
  billing_payments: {
    table: billingPayments,
    key: billingPayments.id,
    newRow: (f) => ({ tenantId: f.tenantId, amountRial: 1, paidOn: "2026-04-22", reference: tag() }),
    change: { reference: sql`reference` },
  },
  billing_usage_daily: {
    table: billingUsageDaily,
    key: billingUsageDaily.day,
    // a day no other row of the city has
    newRow: (f) => ({ tenantId: f.tenantId, day: new Date(Date.UTC(1900, 0, 1) + nextSeq() * 86_400_000).toISOString().slice(0, 10), messages: 0, sms: 0, activeSeats: 0 }),
    change: { sms: sql`sms` },
  },
  billing_stripe_events: {
    table: billingStripeEvents,
    key: billingStripeEvents.id,
    newRow: (f) => ({ tenantId: f.tenantId, id: `evt_${tag()}`, type: "test.matrix", eventCreated: new Date(), payload: {} }),
    change: { type: sql`type` },
  },
  protected_reports: {
    table: protectedReports,
    key: protectedReports.id,
    newRow: reportRow,
    change: { status: sql`status` },
  },
  protected_report_entries: {
    table: protectedReportEntries,
    key: protectedReportEntries.id,
    freshReport: true,
    newRow: (f) => ({ tenantId: f.tenantId, reportId: f.reportId, seq: nextSeq(), author: "reporter", kind: "text", content: "x", writtenOn: "2026-01-01" }),
    change: { content: sql`content` },
  },
  direct_sessions: {
    table: directSessions,
    key: directSessions.id,
    newRow: (f) => ({
      tenantId: f.tenantId,
      managerStaffId: f.staffId,
      managerTitleFa: "شهردار",
      managerTitleEn: "Mayor",
      unitId: f.unitId,
      startsAt: new Date("2026-12-02T06:30:00Z"),
      endsAt: new Date("2026-12-02T08:30:00Z"),
    }),
    change: { status: sql`status` },
  },
  audit_log: {
    table: auditLog,
    key: auditLog.id,
    newRow: (f) => ({ tenantId: f.tenantId, action: "test.matrix" }),
    change: { action: sql`action` },
    appendOnly: true,
  },
};
