-- Whether the credential supports the WebAuthn PRF extension: the browser reported `prf.enabled` at registration or
-- returned PRF results at a sign-in. Never cleared; 0 for credentials registered before Latchkey recorded it.
ALTER TABLE credentials ADD COLUMN prf_supported INTEGER NOT NULL DEFAULT 0;
