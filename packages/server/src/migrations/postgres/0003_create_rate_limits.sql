-- Fixed-window request counters shared by every node (one row per key and window; old windows are purged).
CREATE TABLE rate_limits (
  key TEXT COLLATE "C" NOT NULL,
  window_start TIMESTAMPTZ NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);
ALTER TABLE rate_limits SET (autovacuum_vacuum_scale_factor = 0.02);
