CREATE TABLE "direct_sessions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"manager_staff_id" uuid NOT NULL,
	"manager_title_fa" text NOT NULL,
	"manager_title_en" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "direct_sessions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "direct_session_id" uuid;--> statement-breakpoint
ALTER TABLE "direct_sessions" ADD CONSTRAINT "direct_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_sessions" ADD CONSTRAINT "direct_sessions_manager_fk" FOREIGN KEY ("tenant_id","manager_staff_id") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_sessions" ADD CONSTRAINT "direct_sessions_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "direct_sessions_starts_idx" ON "direct_sessions" USING btree ("tenant_id","starts_at");--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_direct_session_fk" FOREIGN KEY ("tenant_id","direct_session_id") REFERENCES "public"."direct_sessions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "requests_direct_session_idx" ON "requests" USING btree ("tenant_id","direct_session_id") WHERE direct_session_id is not null;