-- Identifiers use the "C" collation: byte order, as SQLite sorts them, whatever the database's locale; it also keeps
-- their indexes cheap. Times are TIMESTAMPTZ; binary values are BYTEA; short lists are TEXT[].
CREATE TABLE apps (
  id TEXT COLLATE "C" PRIMARY KEY,
  settings JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_keys (
  app_id TEXT COLLATE "C" NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  id TEXT COLLATE "C" NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('public', 'secret')),
  scopes TEXT[] NOT NULL,
  salt BYTEA NOT NULL,
  hash BYTEA NOT NULL,
  locked BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (app_id, id)
);

CREATE TABLE credentials (
  app_id TEXT COLLATE "C" NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  credential_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  user_handle TEXT NOT NULL,
  public_key BYTEA NOT NULL,
  -- The authenticator's counter is an unsigned 32-bit number.
  sign_count BIGINT NOT NULL CHECK (sign_count >= 0),
  transports TEXT[] NOT NULL,
  aaguid TEXT NOT NULL,
  attestation_fmt TEXT NOT NULL,
  backup_eligible BOOLEAN NOT NULL,
  backup_state BOOLEAN NOT NULL,
  discoverable BOOLEAN,
  rp_id TEXT NOT NULL,
  origin TEXT NOT NULL,
  device TEXT NOT NULL,
  country TEXT NOT NULL,
  nickname TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  last_used_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (app_id, credential_id)
);
CREATE INDEX credentials_by_user ON credentials (app_id, user_id, created_at);

CREATE TABLE aliases (
  app_id TEXT COLLATE "C" NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  hash TEXT COLLATE "C" NOT NULL,
  plaintext TEXT,
  user_id TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (app_id, hash)
);
CREATE INDEX aliases_by_user ON aliases (app_id, user_id, hash);

-- Ceremony state and tokens: written once, deleted once (DELETE … RETURNING), purged in batches when expired.
-- Their churn is high, so autovacuum visits them after 2 % of dead rows instead of 20 %.
CREATE TABLE ceremonies (
  id TEXT COLLATE "C" PRIMARY KEY,
  app_id TEXT COLLATE "C" NOT NULL,
  kind TEXT NOT NULL,
  state JSON NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0.02);
CREATE INDEX ceremonies_by_expiry ON ceremonies (expires_at);

CREATE TABLE tokens (
  id TEXT COLLATE "C" PRIMARY KEY,
  app_id TEXT COLLATE "C" NOT NULL,
  kind TEXT NOT NULL,
  payload JSON NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0.02);
CREATE INDEX tokens_by_expiry ON tokens (expires_at);
