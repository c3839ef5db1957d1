-- The alert page asks for the open alerts of a subtree, most severe and newest first, 500 at a time: a province holds
-- tens of thousands, and PostgreSQL sorted them all (wide rows, spilling to disk) for each page. An index in the
-- list's own order makes a page its first entries (bySeverityThenNewest in alerts/queries.ts is the same expression); the counts per
-- kind are read from the subtree index with the kind included, without touching the rows.
CREATE INDEX IF NOT EXISTS "alerts_open_order_idx" ON "alerts" USING btree ((CASE "severity" WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END), "raised_at" DESC, "id" DESC) WHERE "resolved_at" IS NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "alerts_open_scope_idx" ON "alerts" USING btree ("unit_path" text_pattern_ops) INCLUDE ("kind") WHERE "resolved_at" IS NULL;
--> statement-breakpoint
DROP INDEX IF EXISTS "alerts_open_path_idx";
