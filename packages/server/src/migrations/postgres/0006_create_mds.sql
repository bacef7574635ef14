-- The FIDO Metadata Service (MDS3) blob last imported (`latchkey mds import`): one row at most. The entries stay one
-- JSON text (5–8 MB for the real blob): they are read whole, never queried, so TEXT spares the JSONB conversion.
CREATE TABLE mds_blobs (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  no BIGINT NOT NULL,
  next_update TIMESTAMPTZ NOT NULL,
  legal_header TEXT NOT NULL,
  imported_at TIMESTAMPTZ NOT NULL,
  entries TEXT NOT NULL
);
