-- Runs once, when the database is created: records which image created it.
CREATE TABLE demo_meta (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO demo_meta (key, value) VALUES ('created_by', 'berth-demo db image'), ('created_at', now()::text);
