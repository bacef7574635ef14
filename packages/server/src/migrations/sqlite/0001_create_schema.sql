CREATE TABLE apps (
  id TEXT PRIMARY KEY,
  settings TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE api_keys (
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('public', 'secret')),
  scopes TEXT NOT NULL,
  salt BLOB NOT NULL,
  hash BLOB NOT NULL,
  locked INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (app_id, id)
);

CREATE TABLE credentials (
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  credential_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_handle TEXT NOT NULL,
  public_key BLOB NOT NULL,
  sign_count INTEGER NOT NULL,
  transports TEXT NOT NULL,
  aaguid TEXT NOT NULL,
  attestation_fmt TEXT NOT NULL,
  backup_eligible INTEGER NOT NULL,
  backup_state INTEGER NOT NULL,
  discoverable INTEGER,
  rp_id TEXT NOT NULL,
  origin TEXT NOT NULL,
  device TEXT NOT NULL,
  country TEXT NOT NULL,
  nickname TEXT,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  PRIMARY KEY (app_id, credential_id)
) WITHOUT ROWID;
-- Covers listByUser's filter and its ORDER BY, so SQLite never walks the whole app through the primary key.
CREATE INDEX credentials_by_user ON credentials (app_id, user_id, created_at);

CREATE TABLE aliases (
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  hash TEXT NOT NULL,
  plaintext TEXT,
  user_id TEXT NOT NULL,
  PRIMARY KEY (app_id, hash)
) WITHOUT ROWID;
CREATE INDEX aliases_by_user ON aliases (app_id, user_id, hash);

CREATE TABLE ceremonies (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX ceremonies_by_expiry ON ceremonies (expires_at);

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX tokens_by_expiry ON tokens (expires_at);
