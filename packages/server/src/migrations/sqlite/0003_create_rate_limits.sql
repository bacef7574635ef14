-- The same table as PostgreSQL's, for one schema in both dialects. The embedded store serves one process and counts
-- in memory, so it leaves this table empty.
CREATE TABLE rate_limits (
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
) WITHOUT ROWID;
