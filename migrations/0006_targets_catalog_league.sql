CREATE TABLE "indicator_definitions" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"unit_zh" text NOT NULL,
	"unit_en" text NOT NULL,
	"date_field" text,
	"measure" text,
	"filter" jsonb,
	"archived" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "league_adjustments" (
	"id" serial PRIMARY KEY NOT NULL,
	"scheme_id" integer NOT NULL,
	"unit_code" text NOT NULL,
	"period" text NOT NULL,
	"points" double precision NOT NULL,
	"reason" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "league_schemes" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"name" text NOT NULL,
	"period_kind" text NOT NULL,
	"items" jsonb NOT NULL,
	"groups" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "league_adjustments_scheme_idx" ON "league_adjustments" USING btree ("scheme_id","period");