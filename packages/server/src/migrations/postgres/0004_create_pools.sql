-- Cognito-style user pools (the AWS JSON 1.1 front door onto an app) and their RS256 signing keys.
CREATE TABLE pools (
  id TEXT COLLATE "C" PRIMARY KEY,
  app_id TEXT COLLATE "C" NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  client_id TEXT COLLATE "C" NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE signing_keys (
  pool_id TEXT COLLATE "C" NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
  kid TEXT COLLATE "C" NOT NULL,
  public_jwk JSONB NOT NULL,
  private_jwk JSONB NOT NULL,
  retired_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (pool_id, kid)
);
