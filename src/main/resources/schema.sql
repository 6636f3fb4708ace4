-- Frontier Engage's own table beside the engine's: one row per Idempotency-Key an organization used.
CREATE TABLE IF NOT EXISTS fe_idempotency_key (
  organization  VARCHAR(64)  NOT NULL,
  idem_key      VARCHAR(200) NOT NULL,
  request_hash  VARCHAR(64)  NOT NULL,
  engagement_id VARCHAR(64)  NOT NULL,
  created_at    TIMESTAMP    NOT NULL,
  PRIMARY KEY (organization, idem_key)
);
