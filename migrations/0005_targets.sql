CREATE TABLE "indicator_reports" (
	"unit_code" text NOT NULL,
	"indicator_key" text NOT NULL,
	"month" text NOT NULL,
	"value" double precision NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_reports_unit_code_indicator_key_month_pk" PRIMARY KEY("unit_code","indicator_key","month")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"unit_code" text NOT NULL,
	"year" integer NOT NULL,
	"indicator_key" text NOT NULL,
	"annual" double precision NOT NULL,
	"monthly" double precision[],
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_unit_code_year_indicator_key_pk" PRIMARY KEY("unit_code","year","indicator_key")
);
