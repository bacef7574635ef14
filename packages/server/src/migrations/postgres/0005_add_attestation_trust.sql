-- What each credential's attestation proved when it was registered (trusted, reason, FIDO metadata status);
-- NULL for credentials registered before Latchkey recorded it.
ALTER TABLE credentials ADD COLUMN attestation_trust JSONB;
