CREATE TABLE "project_annual_plans" (
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"planned_wan" double precision NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_annual_plans_project_id_year_pk" PRIMARY KEY("project_id","year")
);
--> statement-breakpoint
CREATE TABLE "project_progress" (
	"project_id" uuid NOT NULL,
	"month" text NOT NULL,
	"invested_wan" double precision NOT NULL,
	"image_progress" text,
	"problems" text,
	"next_steps" text,
	"note" text,
	"photos" text[] DEFAULT '{}' NOT NULL,
	"submission_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_progress_project_id_month_pk" PRIMARY KEY("project_id","month")
);
--> statement-breakpoint
CREATE TABLE "report_rows" (
	"submission_id" integer NOT NULL,
	"row_key" text NOT NULL,
	"project_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"return_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_rows_submission_id_row_key_pk" PRIMARY KEY("submission_id","row_key")
);
--> statement-breakpoint
CREATE TABLE "report_submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"period_key" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by" text,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" text,
	"review_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"recurrence" text NOT NULL,
	"start_on" date NOT NULL,
	"due_weekday" integer,
	"due_day" integer,
	"due_month_offset" integer,
	"due_on" date,
	"due_time" text NOT NULL,
	"target_units" text[] NOT NULL,
	"form" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"submission_id" integer NOT NULL,
	"revision" integer NOT NULL,
	"rows" jsonb NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_versions_submission_id_revision_pk" PRIMARY KEY("submission_id","revision")
);
--> statement-breakpoint
CREATE TABLE "alert_evaluations" (
	"scope_path" text PRIMARY KEY NOT NULL,
	"signature" text NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_reads" (
	"user_id" uuid NOT NULL,
	"alert_id" integer NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_reads_user_id_alert_id_pk" PRIMARY KEY("user_id","alert_id")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"project_id" uuid,
	"project_code" text,
	"submission_id" integer,
	"message_zh" text NOT NULL,
	"message_en" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"period" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "job_runs_job_period_pk" PRIMARY KEY("job","period")
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "planned_registered_on" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "planned_at_capacity_on" date;--> statement-breakpoint
ALTER TABLE "project_annual_plans" ADD CONSTRAINT "project_annual_plans_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_progress" ADD CONSTRAINT "project_progress_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_rows" ADD CONSTRAINT "report_rows_submission_id_report_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."report_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submissions" ADD CONSTRAINT "report_submissions_task_id_report_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."report_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_submission_id_report_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."report_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_annual_plans_updated_idx" ON "project_annual_plans" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "project_progress_month_idx" ON "project_progress" USING btree ("month");--> statement-breakpoint
CREATE INDEX "project_progress_updated_idx" ON "project_progress" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "report_rows_project_idx" ON "report_rows" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_submissions_period_idx" ON "report_submissions" USING btree ("task_id","unit_code","period_key");--> statement-breakpoint
CREATE INDEX "report_submissions_unit_path_idx" ON "report_submissions" USING btree ("unit_path");--> statement-breakpoint
CREATE INDEX "report_submissions_due_idx" ON "report_submissions" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "report_submissions_updated_idx" ON "report_submissions" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "report_tasks_unit_path_idx" ON "report_tasks" USING btree ("unit_path");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_key_idx" ON "alerts" USING btree ("key") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "alerts_open_path_idx" ON "alerts" USING btree ("unit_path") WHERE resolved_at is null;