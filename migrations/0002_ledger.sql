CREATE TABLE "exchange_rates" (
	"currency" text NOT NULL,
	"month" text NOT NULL,
	"rate" double precision NOT NULL,
	"source" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_currency_month_pk" PRIMARY KEY("currency","month")
);
--> statement-breakpoint
CREATE TABLE "project_arrivals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"arrived_on" date NOT NULL,
	"currency" text NOT NULL,
	"amount_orig" double precision NOT NULL,
	"exchange_rate" double precision NOT NULL,
	"amount_wan" double precision NOT NULL,
	"amount_usd_wan" double precision,
	"is_foreign" integer DEFAULT 0 NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"event_id" uuid,
	"filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_code_sequences" (
	"unit_code" text NOT NULL,
	"year" integer NOT NULL,
	"next" integer NOT NULL,
	CONSTRAINT "project_code_sequences_unit_code_year_pk" PRIMARY KEY("unit_code","year")
);
--> statement-breakpoint
CREATE TABLE "project_duplicate_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"other_project_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"score" double precision NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"stage" text,
	"from_stage" text,
	"event_date" date,
	"evidence" text,
	"reason" text,
	"details" jsonb,
	"recorded_by" uuid,
	"recorded_by_name" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"content" text,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"park_code" text,
	"investor_name" text NOT NULL,
	"investor_credit_code" text,
	"investor_country" text,
	"investor_province" text,
	"investor_city" text,
	"investor_tags" text[] DEFAULT '{}' NOT NULL,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"capital_type" text NOT NULL,
	"currency" text NOT NULL,
	"exchange_rate" double precision NOT NULL,
	"usd_rate" double precision,
	"rate_date" date NOT NULL,
	"total_investment_orig" double precision NOT NULL,
	"total_investment_wan" double precision NOT NULL,
	"total_investment_usd_wan" double precision,
	"fixed_asset_investment_orig" double precision,
	"registered_capital_orig" double precision,
	"contract_foreign_capital_usd_wan" double precision,
	"registered_foreign_capital_usd_wan" double precision,
	"project_type" text DEFAULT 'new' NOT NULL,
	"industry_section" text,
	"industry_division" text,
	"chain" text,
	"levels" text[] DEFAULT '{}' NOT NULL,
	"lead_source" text,
	"sponsor_leader" text,
	"responsible_unit" text,
	"owner_user_id" uuid,
	"land_mu" double precision,
	"factory_m2" double precision,
	"expected_output_wan" double precision,
	"expected_tax_wan" double precision,
	"expected_jobs" integer,
	"phases" text,
	"stage" text NOT NULL,
	"status" text DEFAULT 'normal' NOT NULL,
	"termination_reason" text,
	"termination_note" text,
	"terminated_on" date,
	"first_reported_on" date,
	"lead_on" date,
	"negotiating_on" date,
	"signed_on" date,
	"registered_on" date,
	"started_on" date,
	"completed_on" date,
	"producing_on" date,
	"at_capacity_on" date,
	"listed_on" date,
	"planned_signed_on" date,
	"planned_started_on" date,
	"planned_completed_on" date,
	"planned_producing_on" date,
	"contract_kind" text,
	"contract_amount_wan" double precision,
	"exists_from" date NOT NULL,
	"tier_index" integer DEFAULT 0 NOT NULL,
	"search_tokens" text[] DEFAULT '{}' NOT NULL,
	"remarks" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"columns" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_arrivals" ADD CONSTRAINT "project_arrivals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_attachments" ADD CONSTRAINT "project_attachments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_attachments" ADD CONSTRAINT "project_attachments_event_id_project_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."project_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_duplicate_flags" ADD CONSTRAINT "project_duplicate_flags_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_duplicate_flags" ADD CONSTRAINT "project_duplicate_flags_other_project_id_projects_id_fk" FOREIGN KEY ("other_project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_events" ADD CONSTRAINT "project_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_park_code_units_code_fk" FOREIGN KEY ("park_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_arrivals_project_idx" ON "project_arrivals" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_attachments_project_idx" ON "project_attachments" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_duplicate_pair_uq" ON "project_duplicate_flags" USING btree ("project_id","other_project_id");--> statement-breakpoint
CREATE INDEX "project_duplicate_status_idx" ON "project_duplicate_flags" USING btree ("status");--> statement-breakpoint
CREATE INDEX "project_events_project_idx" ON "project_events" USING btree ("project_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code_uq" ON "projects" USING btree ("code");--> statement-breakpoint
CREATE INDEX "projects_unit_path_idx" ON "projects" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "projects_stage_idx" ON "projects" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "projects_tier_idx" ON "projects" USING btree ("tier_index");--> statement-breakpoint
CREATE INDEX "projects_signed_idx" ON "projects" USING btree ("signed_on");--> statement-breakpoint
CREATE INDEX "projects_credit_idx" ON "projects" USING btree ("investor_credit_code");--> statement-breakpoint
CREATE INDEX "projects_search_idx" ON "projects" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "projects_updated_idx" ON "projects" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_user_name_uq" ON "saved_views" USING btree ("user_id","name");