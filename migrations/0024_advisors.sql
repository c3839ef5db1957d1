CREATE TABLE "advisor_projects" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"advisor_id" uuid NOT NULL,
	"attributed_on" date NOT NULL,
	"attributed_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advisor_rewards" (
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"advisor_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"basis_wan" double precision NOT NULL,
	"per_mille" double precision NOT NULL,
	"amount_wan" double precision NOT NULL,
	"approved_by" uuid NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"paid_on" date,
	"paid_by" uuid,
	"note" text,
	CONSTRAINT "advisor_rewards_project_id_year_pk" PRIMARY KEY("project_id","year")
);
--> statement-breakpoint
CREATE TABLE "advisors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"name" text NOT NULL,
	"organisation" text,
	"title" text,
	"field" text,
	"phone" text,
	"appointed_on" date NOT NULL,
	"term_end" date,
	"public_servant" boolean DEFAULT false NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "referrer" text;--> statement-breakpoint
ALTER TABLE "advisor_projects" ADD CONSTRAINT "advisor_projects_advisor_id_advisors_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."advisors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_rewards" ADD CONSTRAINT "advisor_rewards_advisor_id_advisors_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."advisors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisors" ADD CONSTRAINT "advisors_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advisor_projects_advisor_idx" ON "advisor_projects" USING btree ("advisor_id");--> statement-breakpoint
CREATE INDEX "advisor_rewards_advisor_idx" ON "advisor_rewards" USING btree ("advisor_id","year");--> statement-breakpoint
CREATE INDEX "advisors_path_idx" ON "advisors" USING btree ("unit_path" text_pattern_ops);