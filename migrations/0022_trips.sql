CREATE TABLE "staff_posts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"post" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trip_people" (
	"trip_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"leader" boolean DEFAULT false NOT NULL,
	CONSTRAINT "trip_people_trip_id_user_id_pk" PRIMARY KEY("trip_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "trip_projects" (
	"trip_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	CONSTRAINT "trip_projects_trip_id_project_id_pk" PRIMARY KEY("trip_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "trip_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"trip_id" uuid NOT NULL,
	"company_id" uuid,
	"company_name" text NOT NULL,
	"summary" text
);
--> statement-breakpoint
CREATE TABLE "trips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text DEFAULT 'trip' NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date NOT NULL,
	"destination" text NOT NULL,
	"abroad" boolean DEFAULT false NOT NULL,
	"purpose" text NOT NULL,
	"visitors" text,
	"results" text,
	"next_steps" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trip_people" ADD CONSTRAINT "trip_people_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trip_projects" ADD CONSTRAINT "trip_projects_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trip_visits" ADD CONSTRAINT "trip_visits_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_unit_code_units_code_fk" FOREIGN KEY ("unit_code") REFERENCES "public"."units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trip_people_user_idx" ON "trip_people" USING btree ("user_id","trip_id");--> statement-breakpoint
CREATE INDEX "trip_visits_trip_idx" ON "trip_visits" USING btree ("trip_id");--> statement-breakpoint
CREATE INDEX "trips_path_idx" ON "trips" USING btree ("unit_path" text_pattern_ops,"from_on");--> statement-breakpoint
CREATE INDEX "trips_from_idx" ON "trips" USING btree ("from_on","to_on");