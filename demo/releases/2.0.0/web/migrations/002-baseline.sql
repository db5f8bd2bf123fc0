-- berth-demo 2.0 on an empty database: the schema as berth-demo 1.1 left it, in one step.
-- (Databases from 1.0 are refused by migrate.sh: they must go through 1.1 first.)
CREATE TABLE records (
    id          bigserial PRIMARY KEY,
    body        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    body_length integer NOT NULL,
    category    text NOT NULL DEFAULT 'general'
);
INSERT INTO schema_version (version, name) VALUES (1, '001-records');
