-- Issue 15 (trust). A registration, a question and a message are each an ENCRYPTED ITEM delivered
-- to an office, with a reference, a secret (status code), a status and a retention. What every
-- item has lives in `items`; what only registrations have lives in `registrations`, which points
-- at its item. Deleting an item deletes every row that names it (see functions/items/erase.ts).
PRAGMA defer_foreign_keys = true;

CREATE TABLE items (
  reference TEXT PRIMARY KEY,
  -- 'registration' (issue 19 adds 'question', 'message'); retention and erasure go by kind.
  kind TEXT NOT NULL,
  province_code TEXT NOT NULL,
  commune_code TEXT NOT NULL,
  office_id TEXT NOT NULL REFERENCES offices (id),
  lang TEXT NOT NULL,
  -- The version of the form the sealed content follows (bound into the HPKE info and aad).
  form_version TEXT NOT NULL,
  -- The HPKE envelope (JSON): the content sealed to the office and to the province's recovery key.
  envelope TEXT NOT NULL,
  -- 'device': sealed in the family's browser, the Worker never saw it; 'worker': sent without
  -- JavaScript, sealed by the Worker (in memory only).
  sealed_on TEXT NOT NULL CHECK (sealed_on IN ('device', 'worker')),
  -- Sent online: the person's identity is not checked until the office sees them.
  identity_checked_at TEXT,
  -- A retried or double-submitted form carries the same key: with the same content it gets the
  -- same item; with other content it is refused. content_hash: HMAC of the ciphertext or answers.
  idempotency_key TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  -- A short message from the office for the person (shown with the status code; no health details).
  status_message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT,
  -- When the whole item is deleted: the maximum age at first, brought forward when the office
  -- closes it (closed + retention days), never pushed back by reopening.
  retain_until TEXT NOT NULL
);
CREATE INDEX items_by_office ON items (office_id, created_at);
CREATE INDEX items_by_province ON items (province_code, kind, created_at);
CREATE INDEX items_retention ON items (retain_until);

-- The item's secret: an HMAC of the status code, the failed attempts (counted atomically) and the
-- lock. receipt_code: the code sealed with a Worker key for a few minutes, so that a retry of the
-- same submission (a double click, a lost answer) still shows it; then cleared.
CREATE TABLE item_secrets (
  reference TEXT PRIMARY KEY REFERENCES items (reference) ON DELETE CASCADE,
  code_hmac TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  receipt_code TEXT,
  receipt_until TEXT
);

CREATE TABLE registrations_next (
  reference TEXT PRIMARY KEY REFERENCES items (reference) ON DELETE CASCADE,
  -- Kept in clear for the province's anonymous counts by form of treatment.
  treatment_form TEXT NOT NULL CHECK (treatment_form IN ('home', 'community', 'facility')),
  due_by TEXT NOT NULL,
  first_opened_at TEXT,
  decided_at TEXT,
  deadline_flagged_at TEXT
);

-- Existing registrations become items (their old envelopes stay as they are: format v1). Rows
-- whose ciphertext the old retention had already removed are deleted, as retention now does.
INSERT INTO items (reference, kind, province_code, commune_code, office_id, lang, form_version, envelope, sealed_on,
  idempotency_key, content_hash, status, status_message, created_at, updated_at, closed_at, retain_until)
SELECT reference, 'registration', province_code, commune_code, office_id, lang, 'v1-legacy', envelope, 'worker',
  idempotency_key, 'legacy', status, status_message, submitted_at, updated_at, closed_at,
  CASE WHEN closed_at IS NOT NULL THEN strftime('%Y-%m-%dT%H:%M:%fZ', closed_at, '+30 days')
       ELSE strftime('%Y-%m-%dT%H:%M:%fZ', submitted_at, '+365 days') END
FROM registrations WHERE envelope IS NOT NULL;
INSERT INTO registrations_next (reference, treatment_form, due_by, first_opened_at, decided_at, deadline_flagged_at)
SELECT reference, treatment_form, due_by, first_opened_at, decided_at, deadline_flagged_at
FROM registrations WHERE envelope IS NOT NULL;

-- Deliveries and notifications of an item go with it.
CREATE TABLE deliveries_next (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL REFERENCES items (reference) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  target TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead', 'stopped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  last_attempt_at TEXT,
  lease_until TEXT,
  sent_at TEXT,
  UNIQUE (reference, channel)
);
INSERT INTO deliveries_next SELECT d.id, d.reference, d.channel, d.target, d.state, d.attempts, d.last_error,
  d.created_at, d.last_attempt_at, d.lease_until, d.sent_at
FROM deliveries d WHERE d.reference IN (SELECT reference FROM items);

CREATE TABLE notifications_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id TEXT REFERENCES deliveries_next (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO notifications_next SELECT n.id, n.delivery_id, n.kind, n.to_address, n.subject, n.body, n.sent_at
FROM notifications n WHERE n.delivery_id IS NULL OR n.delivery_id IN (SELECT id FROM deliveries_next);
-- Which items a notification names (a deadline alert names several): erasing one deletes the notification.
CREATE TABLE notification_items (
  notification_id INTEGER NOT NULL REFERENCES notifications_next (id) ON DELETE CASCADE,
  reference TEXT NOT NULL,
  PRIMARY KEY (notification_id, reference)
);
CREATE INDEX notification_items_by_reference ON notification_items (reference);
INSERT INTO notification_items (notification_id, reference)
SELECT n.id, d.reference FROM notifications_next n JOIN deliveries_next d ON d.id = n.delivery_id;

-- The audit log, append-only and hash-chained (site/src/domain/audit/chain.ts). The chain covers
-- a salted digest of the case details; erasing a case nulls reference, detail and salt, nothing else.
CREATE TABLE audit_log_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  reference TEXT,
  detail TEXT,
  subject_salt TEXT,
  subject_digest TEXT,
  prev_hash TEXT,
  hash TEXT
);
INSERT INTO audit_log_next (id, at, actor_kind, actor_id, action, reference, detail)
SELECT id, at, actor_kind, actor_id, action,
  CASE WHEN reference IN (SELECT reference FROM items) THEN reference END,
  CASE WHEN reference IS NULL OR reference IN (SELECT reference FROM items) THEN detail END
FROM audit_log ORDER BY id;

DROP TABLE audit_log;
DROP TABLE notifications;
DROP TABLE deliveries;
DROP TABLE registrations;
ALTER TABLE registrations_next RENAME TO registrations;
ALTER TABLE deliveries_next RENAME TO deliveries;
ALTER TABLE notifications_next RENAME TO notifications;
ALTER TABLE audit_log_next RENAME TO audit_log;
CREATE INDEX registrations_open_due ON registrations (due_by);
CREATE INDEX deliveries_pending ON deliveries (state, last_attempt_at);
CREATE INDEX deliveries_by_reference ON deliveries (reference);
CREATE INDEX audit_by_reference ON audit_log (reference);
CREATE INDEX audit_unsealed ON audit_log (hash) WHERE hash IS NULL;

CREATE TRIGGER audit_log_append_only BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- Once sealed, an entry changes only by losing its case details (erasure).
CREATE TRIGGER audit_log_sealed BEFORE UPDATE ON audit_log
WHEN OLD.hash IS NOT NULL AND NOT (
  NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_kind = OLD.actor_kind AND NEW.actor_id = OLD.actor_id
  AND NEW.action = OLD.action AND NEW.subject_digest IS OLD.subject_digest AND NEW.prev_hash IS OLD.prev_hash
  AND NEW.hash IS OLD.hash AND NEW.reference IS NULL AND NEW.detail IS NULL AND NEW.subject_salt IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'a sealed audit entry cannot change');
END;

-- Offices: the office that takes over a revoked office's items and commune.
ALTER TABLE offices ADD COLUMN successor_id TEXT REFERENCES offices (id);
ALTER TABLE office_keys ADD COLUMN fingerprint TEXT;

-- Enrolment: the administrator creates it with a one-time code; the office's own browser makes its
-- keys and sends only the public halves; the administrator approves them by fingerprint and signs
-- them into the key directory. The administrator never holds an office's private key.
CREATE TABLE office_enrolments (
  office_id TEXT PRIMARY KEY,
  province_code TEXT NOT NULL,
  commune_code TEXT,
  name TEXT NOT NULL,
  email TEXT,
  webhook_url TEXT,
  code_hash TEXT NOT NULL UNIQUE,
  expires_at TEXT NOT NULL,
  kid TEXT,
  encryption_jwk TEXT,
  signing_jwk TEXT,
  fingerprint TEXT,
  submitted_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Province keys in D1 are now the administrator's signing-only sign-in keys (figures). The recovery
-- key is in the signed key directory and never in a browser.
CREATE TABLE province_keys_next (
  kid TEXT PRIMARY KEY,
  province_code TEXT NOT NULL,
  signing_jwk TEXT NOT NULL,
  alert_email TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired', 'revoked')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO province_keys_next (kid, province_code, signing_jwk, alert_email, status, created_at)
SELECT kid, province_code, signing_jwk, alert_email, status, created_at FROM province_keys;
DROP TABLE province_keys;
ALTER TABLE province_keys_next RENAME TO province_keys;
CREATE INDEX province_keys_by_province ON province_keys (province_code, status);
