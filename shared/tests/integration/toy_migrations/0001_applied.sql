CREATE TABLE applied (seq bigserial PRIMARY KEY, event_id text NOT NULL, name text NOT NULL);
CREATE TABLE applications (name text PRIMARY KEY, times integer NOT NULL);
CREATE TABLE unblocked (name text PRIMARY KEY);
