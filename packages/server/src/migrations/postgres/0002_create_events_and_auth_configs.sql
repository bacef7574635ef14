CREATE TABLE events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  app_id TEXT COLLATE "C" NOT NULL,
  performed_at TIMESTAMPTZ NOT NULL,
  event_type TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  performed_by TEXT NOT NULL,
  subject TEXT NOT NULL,
  api_key_id TEXT NOT NULL
);
-- Serves the newest-first page (ORDER BY performed_at DESC, id DESC) and the per-app retention purge.
CREATE INDEX events_by_app_time ON events (app_id, performed_at, id);

CREATE TABLE auth_configs (
  app_id TEXT COLLATE "C" NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  purpose TEXT COLLATE "C" NOT NULL,
  user_verification TEXT NOT NULL,
  time_to_live INTEGER NOT NULL,
  hints TEXT[] NOT NULL,
  created_by TEXT NOT NULL,
  created_on TIMESTAMPTZ,
  edited_by TEXT,
  edited_on TIMESTAMPTZ,
  last_used_on TIMESTAMPTZ,
  PRIMARY KEY (app_id, purpose)
);
