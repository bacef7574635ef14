-- What each credential's attestation proved when it was registered (JSON: trusted, reason, FIDO metadata status);
-- NULL for credentials registered before Latchkey recorded it.
ALTER TABLE credentials ADD COLUMN attestation_trust TEXT;
