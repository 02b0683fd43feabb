import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { AccountForm } from "../billing/account-form";
import { InvoiceTable } from "../billing/invoice-table";
import { StateTag } from "../billing/state-tag";
import { StripePanel } from "../billing/stripe-panel";
import { UsageSummary } from "../billing/usage-table";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { attempt, text } from "../lib/forms.server";
import { requirePlatformUser } from "../lib/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, me } = await requirePlatformUser(request);
  try {
    const view = await api.billing.account.get.query({ tenantId: params.id! });
    // one key per rendered form: a resubmitted form issues the same invoice once
    return { ...view, roles: me.user.roles, issueKey: randomUUID() };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requirePlatformUser(request);
  const f = await request.formData();
  const tenantId = params.id!;
  const intent = text(f, "intent");
  switch (intent) {
    case "account":
      return attempt(intent, () =>
        api.billing.account.update.mutate({
          tenantId,
          planId: text(f, "planId") || null,
          cycle: text(f, "cycle") as "monthly",
          provider: text(f, "provider") as "offline",
          showToman: f.get("showToman") === "on",
          itContactName: text(f, "itContactName"),
          itContactEmail: text(f, "itContactEmail"),
          itContactPhone: text(f, "itContactPhone"),
          legalName: text(f, "legalName"),
          address: text(f, "address"),
          economicCode: text(f, "economicCode"),
        }),
      );
    case "suspend":
    case "resume":
    case "archive":
      return attempt(intent, () => api.billing.tenantStatus.mutate({ tenantId, action: intent }));
    case "restrict":
      return attempt(intent, () => api.billing.account.restrict.mutate({ tenantId }));
    case "issue": {
      const [jy, jm] = text(f, "month").split("-");
      return attempt(intent, () => api.billing.invoice.issue.mutate({ tenantId, jy: Number(jy), jm: Number(jm), dueDays: Number(text(f, "dueDays") || 15), idempotencyKey: text(f, "idempotencyKey") }));
    }
    case "pay":
      return attempt(intent, () =>
        api.billing.invoice.pay.mutate({ tenantId, invoiceId: text(f, "invoiceId"), amountRial: text(f, "amountRial") as never, paidOn: text(f, "paidOn"), reference: text(f, "reference") }),
      );
    default:
      return null;
  }
}

export default function TenantBilling() {
  const data = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = useFieldErrors(outcome);
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { tenant, summary, account, invoices, plans, period, roles } = data;
  const isAdmin = roles.includes("platform_admin");
  const name = locale === "fa" ? tenant.nameFa : tenant.nameEn;
  const status = summary?.status ?? "active";
  const plan = plans.find((p) => p.id === account.planId) ?? null;
  const months = Array.from({ length: 3 }, (_, i) => {
    const jm = ((period.jm - 1 - i + 12) % 12) + 1;
    const jy = period.jm - i < 1 ? period.jy - 1 : period.jy;
    return { value: `${jy}-${jm}`, label: `${formatDigits(jy, locale)}/${formatDigits(String(jm).padStart(2, "0"), locale)}` };
  });
  const success =
    outcome?.ok && outcome.intent === "issue" && outcome.result && "number" in outcome.result
      ? t("billing.account.issued", { number: formatDigits(outcome.result.number as number, locale) })
      : outcome?.ok && outcome.intent === "restrict"
        ? t("billing.account.restricted")
        : outcome?.ok && outcome.intent === "pay"
          ? t("billing.account.recorded")
          : outcome?.ok && ["suspend", "resume", "archive"].includes(outcome.intent)
            ? t("billing.account.statusChanged", { status: t(`platform.statuses.${(outcome.result as { status: string }).status}`) })
            : t("billing.account.saved");
  return (
    <>
      <section className="panel">
        <p>
          <Link to="/platform/billing">{t("billing.overview.title")}</Link>
        </p>
        <h1 data-testid="tenant-title">{t("billing.account.title", { city: name })}</h1>
        <p>
          <StateTag state={account.state} /> · {t(`platform.statuses.${status}`)}
        </p>
        {outcome && <FormFeedback outcome={outcome} success={success} />}
        <h2>{t("billing.account.usage")}</h2>
        {summary && (
          <UsageSummary
            usage={{ messages: summary.messages, sms: summary.sms, activeSeats: summary.activeSeats ?? 0, days: [] }}
            plan={plan ? { includedMessages: plan.includedMessages, includedSeats: plan.includedSeats } : null}
          />
        )}
      </section>
      <section className="panel">
        <h2>{t("billing.account.invoices")}</h2>
        <InvoiceTable invoices={invoices} toman={false} today={data.today} linkTo={(id) => `/platform/tenants/${tenant.id}/invoices/${id}`} payable />
        <h3>{t("billing.account.issue")}</h3>
        <Form method="post" className="form-grid" data-testid="issue-form">
          <input type="hidden" name="intent" value="issue" />
          <input type="hidden" name="idempotencyKey" value={data.issueKey} />
          <div>
            <label htmlFor="issue-month">{t("billing.account.issueFor")}</label>
            <select id="issue-month" name="month" defaultValue={months[0]!.value}>
              {months.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="issue-due">{t("billing.account.dueDays")}</label>
            <input id="issue-due" name="dueDays" inputMode="numeric" defaultValue="15" dir="ltr" aria-invalid={!!errors.dueDays} />
            <FieldError id="issue-due-error" message={errors.dueDays} />
          </div>
          <div className="wide">
            <button type="submit" data-testid="issue-invoice">
              {t("billing.account.issue")}
            </button>
          </div>
        </Form>
      </section>
      <AccountForm account={account} plans={plans} errors={errors} />
      {account.provider === "stripe" && <StripePanel account={account} />}
      <section className="panel">
        <h2>{t("billing.account.standing")}</h2>
        <p className="help">{t("billing.account.restrictHelp")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="restrict" />
          <button type="submit" className="secondary" data-testid="restrict" disabled={account.state === "restricted"}>
            {t("billing.account.restrict")}
          </button>
        </Form>
        {isAdmin && (
          <div className="actions">
            {status === "active" && (
              <Form method="post">
                <input type="hidden" name="intent" value="suspend" />
                <button type="submit" className="secondary" data-testid="suspend">
                  {t("billing.account.suspend")}
                </button>
              </Form>
            )}
            {status === "suspended" && (
              <Form method="post">
                <input type="hidden" name="intent" value="resume" />
                <button type="submit" className="secondary" data-testid="resume">
                  {t("billing.account.resume")}
                </button>
              </Form>
            )}
            {status !== "archived" && (
              <Form
                method="post"
                onSubmit={(e) => {
                  if (!window.confirm(t("billing.account.archiveConfirm"))) e.preventDefault();
                }}
              >
                <input type="hidden" name="intent" value="archive" />
                <button type="submit" className="secondary" data-testid="archive">
                  {t("billing.account.archive")}
                </button>
              </Form>
            )}
          </div>
        )}
      </section>
    </>
  );
}
