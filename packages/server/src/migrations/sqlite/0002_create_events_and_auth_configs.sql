CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id TEXT NOT NULL,
  performed_at INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  performed_by TEXT NOT NULL,
  subject TEXT NOT NULL,
  api_key_id TEXT NOT NULL
);
CREATE INDEX events_by_app_time ON events (app_id, performed_at);

CREATE TABLE auth_configs (
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  user_verification TEXT NOT NULL,
  time_to_live INTEGER NOT NULL,
  hints TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_on INTEGER,
  edited_by TEXT,
  edited_on INTEGER,
  last_used_on INTEGER,
  PRIMARY KEY (app_id, purpose)
) WITHOUT ROWID;
