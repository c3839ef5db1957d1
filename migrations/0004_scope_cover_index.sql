-- Totals, summaries and counts of a unit subtree read only these columns: a covering index lets PostgreSQL answer
-- them with an index-only scan instead of reading every wide row (drizzle-kit cannot express INCLUDE).
CREATE INDEX IF NOT EXISTS "projects_scope_cover_idx" ON "projects" USING btree ("unit_path" text_pattern_ops) INCLUDE ("exists_from", "stage", "status", "terminated_on", "tier_index", "total_investment_wan", "lead_on", "negotiating_on", "signed_on", "registered_on", "started_on", "completed_on", "producing_on", "at_capacity_on", "capital_type");
