CREATE TABLE "chain_links" (
	"chain_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"segment" text NOT NULL,
	"parent_key" text,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"products" text[] DEFAULT '{}' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "chain_links_chain_id_key_pk" PRIMARY KEY("chain_id","key")
);
--> statement-breakpoint
CREATE TABLE "chains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"adopted_from" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"kind" text NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"location" text,
	"industry_section" text,
	"industry_division" text,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"listed_code" text,
	"revenue_wan" double precision,
	"employees" integer,
	"website" text,
	"contact_name" text,
	"contact_phone" text,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company_links" (
	"company_id" uuid NOT NULL,
	"chain_id" uuid NOT NULL,
	"link_key" text NOT NULL,
	CONSTRAINT "company_links_company_id_chain_id_link_key_pk" PRIMARY KEY("company_id","chain_id","link_key")
);
--> statement-breakpoint
ALTER TABLE "chain_links" ADD CONSTRAINT "chain_links_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chains" ADD CONSTRAINT "chains_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_links" ADD CONSTRAINT "company_links_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_links" ADD CONSTRAINT "company_links_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_links" ADD CONSTRAINT "company_links_link_fk" FOREIGN KEY ("chain_id","link_key") REFERENCES "public"."chain_links"("chain_id","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chain_links_name_uq" ON "chain_links" USING btree ("chain_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "chains_unit_name_uq" ON "chains" USING btree ("unit_code","name");--> statement-breakpoint
CREATE INDEX "chains_path_idx" ON "chains" USING btree ("unit_path");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_credit_code_uq" ON "companies" USING btree ("credit_code") WHERE credit_code is not null;--> statement-breakpoint
CREATE INDEX "companies_name_idx" ON "companies" USING btree ("name");--> statement-breakpoint
CREATE INDEX "companies_path_idx" ON "companies" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "company_links_chain_idx" ON "company_links" USING btree ("chain_id","link_key");