-- Cognito-style user pools (the AWS JSON 1.1 front door onto an app) and their RS256 signing keys.
CREATE TABLE pools (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  client_id TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE signing_keys (
  pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
  kid TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  private_jwk TEXT NOT NULL,
  retired_at INTEGER,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (pool_id, kid)
) WITHOUT ROWID;
