CREATE SEQUENCE "public"."billing_invoice_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1001 CACHE 1;--> statement-breakpoint
CREATE TABLE "billing_accounts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"it_contact_name" text DEFAULT '' NOT NULL,
	"it_contact_email" text DEFAULT '' NOT NULL,
	"it_contact_phone" text DEFAULT '' NOT NULL,
	"legal_name" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"economic_code" text DEFAULT '' NOT NULL,
	"plan_id" uuid,
	"cycle" text DEFAULT 'monthly' NOT NULL,
	"provider" text DEFAULT 'offline' NOT NULL,
	"show_toman" boolean DEFAULT true NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stripe_customer_id" text,
	"stripe_subscription_id" text,
	"stripe_subscription_status" text,
	"stripe_event_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_accounts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "billing_invoices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint DEFAULT nextval('billing_invoice_number_seq') NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"issued_on" date NOT NULL,
	"due_on" date NOT NULL,
	"lines" jsonb NOT NULL,
	"total_rial" bigint NOT NULL,
	"paid_rial" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"idempotency_key" text NOT NULL,
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_invoices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "billing_invoices_tenant_number_key" UNIQUE("tenant_id","number"),
	CONSTRAINT "billing_invoices_tenant_idem_key" UNIQUE("tenant_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "billing_payments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid,
	"amount_rial" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_payments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "billing_payments_reference_key" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "billing_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_fa" text NOT NULL,
	"name_en" text NOT NULL,
	"monthly_price_rial" bigint NOT NULL,
	"annual_price_rial" bigint NOT NULL,
	"included_seats" integer NOT NULL,
	"included_messages" integer NOT NULL,
	"extra_seat_rial" bigint NOT NULL,
	"extra_thousand_messages_rial" bigint NOT NULL,
	"stripe_seat_price_id" text,
	"stripe_usage_price_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_plans_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "billing_stripe_events" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"type" text NOT NULL,
	"event_created" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "billing_stripe_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "billing_usage_daily" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"messages" integer NOT NULL,
	"sms" integer NOT NULL,
	"active_seats" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reported_messages" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "billing_usage_daily_tenant_id_day_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD CONSTRAINT "billing_invoices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_payments" ADD CONSTRAINT "billing_payments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_payments" ADD CONSTRAINT "billing_payments_invoice_fk" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "public"."billing_invoices"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_stripe_events" ADD CONSTRAINT "billing_stripe_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_usage_daily" ADD CONSTRAINT "billing_usage_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_accounts_stripe_customer_idx" ON "billing_accounts" USING btree ("stripe_customer_id");--> statement-breakpoint
CREATE INDEX "billing_invoices_due_idx" ON "billing_invoices" USING btree ("tenant_id","status","due_on");--> statement-breakpoint
-- Billing (docs/decisions/011). Plans are the platform's price list: every city reads them, platform staff write them.
REVOKE ALL ON "billing_plans" FROM PUBLIC;--> statement-breakpoint
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN
    GRANT SELECT ON "billing_plans" TO app_user;
    -- invoice numbers are platform-wide; the city's own transaction draws the next one
    GRANT USAGE ON SEQUENCE "billing_invoice_number_seq" TO app_user;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_platform') THEN
    GRANT SELECT, INSERT, UPDATE ON "billing_plans" TO app_platform;
  END IF;
END $$;--> statement-breakpoint
-- Platform staff read every city's billing rows; they never write them (that goes through withTenant, as the city).
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['billing_accounts', 'billing_invoices', 'billing_payments', 'billing_usage_daily'] LOOP
    EXECUTE format('DROP POLICY IF EXISTS platform_read ON public.%I', t);
    EXECUTE format('CREATE POLICY platform_read ON public.%I AS PERMISSIVE FOR SELECT TO app_platform USING (true)', t);
    EXECUTE format('GRANT SELECT ON public.%I TO app_platform', t);
  END LOOP;
END $$;
