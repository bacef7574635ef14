-- Whether the credential supports the WebAuthn PRF extension: the browser reported `prf.enabled` at registration or
-- returned PRF results at a sign-in. Never cleared; false for credentials registered before Latchkey recorded it.
ALTER TABLE credentials ADD COLUMN prf_supported BOOLEAN NOT NULL DEFAULT false;
