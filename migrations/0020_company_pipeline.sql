CREATE TABLE "company_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"on" date NOT NULL,
	"kind" text NOT NULL,
	"counterpart" text,
	"summary" text NOT NULL,
	"next_step" text,
	"next_on" date,
	"by_user_id" uuid NOT NULL,
	"by_name" text NOT NULL,
	"unit_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_stage" text,
	"to_stage" text,
	"unit_code" text,
	"note" text,
	"by_user_id" uuid,
	"by_name" text,
	"on" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "pipeline_stage" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "assigned_unit_code" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "assigned_unit_path" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "assignment_status" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "assignment_note" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "drop_reason" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "company_contacts" ADD CONSTRAINT "company_contacts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_events" ADD CONSTRAINT "company_events_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "company_contacts_company_idx" ON "company_contacts" USING btree ("company_id","on");--> statement-breakpoint
CREATE INDEX "company_events_company_idx" ON "company_events" USING btree ("company_id","at");--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_assigned_unit_code_units_code_fk" FOREIGN KEY ("assigned_unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companies_assigned_path_idx" ON "companies" USING btree ("assigned_unit_path" text_pattern_ops);