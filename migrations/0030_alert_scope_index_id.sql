-- The alert page's counts per kind leave out alerts snoozed to a later day, a left join on alert_triage by alert id:
-- with only the kind in the scope index, that join read every open alert's wide row (a pass over the table, ~25 ms
-- for a province). With the id there too, the counts are read from the index as their floor is.
DROP INDEX IF EXISTS "alerts_open_scope_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "alerts_open_scope_idx" ON "alerts" USING btree ("unit_path" text_pattern_ops) INCLUDE ("kind", "id") WHERE "resolved_at" IS NULL;
