CREATE TABLE "score_profiles" (
	"unit_code" text PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"period" text NOT NULL,
	"scored" text NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "score_profiles" ADD CONSTRAINT "score_profiles_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;