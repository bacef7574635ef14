-- The FIDO Metadata Service (MDS3) blob last imported (`latchkey mds import`): one row at most. The entries stay one
-- JSON text (5–8 MB for the real blob): they are read whole, never queried.
CREATE TABLE mds_blobs (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  no INTEGER NOT NULL,
  next_update INTEGER NOT NULL,
  legal_header TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  entries TEXT NOT NULL
);
