-- The records table of berth-demo 1.0 (which created it itself); a no-op on a 1.0 database.
CREATE TABLE IF NOT EXISTS records (
    id         bigserial PRIMARY KEY,
    body       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
