-- berth-demo 2.0: records carry tags (none for existing ones); listing by category uses an index.
ALTER TABLE records ADD COLUMN IF NOT EXISTS tags text[] NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS records_category_idx ON records (category, id);
