-- berth-demo 1.1: every record knows its length and its category. Existing rows get their length
-- computed here and the category "general".
ALTER TABLE records ADD COLUMN IF NOT EXISTS body_length integer;
UPDATE records SET body_length = length(body) WHERE body_length IS NULL;
ALTER TABLE records ALTER COLUMN body_length SET NOT NULL;
ALTER TABLE records ADD COLUMN IF NOT EXISTS category text NOT NULL DEFAULT 'general';
