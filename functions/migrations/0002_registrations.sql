-- The core service. Personal data never appears in clear: a registration is stored only as an
-- encrypted envelope that the receiving office (and the province's recovery key) can open.
-- In clear: what routing, status and the province's anonymous figures need.

-- Receiving offices: one per commune, and province-level receiving points (commune_code NULL).
CREATE TABLE offices (
  id TEXT PRIMARY KEY,
  province_code TEXT NOT NULL,
  commune_code TEXT,
  name TEXT NOT NULL,
  -- Where notifications go (they carry no personal data); NULL: no e-mail notification.
  email TEXT,
  -- Optional: a system of the province's own (e.g. hosted in Vietnam) that receives the ciphertext.
  webhook_url TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  demo INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX offices_one_active_per_commune ON offices (commune_code) WHERE commune_code IS NOT NULL AND status = 'active';
CREATE INDEX offices_by_province ON offices (province_code, status);

-- Public keys only. An office may have several: the newest active one receives new registrations;
-- retired ones stay so older registrations can still be opened by key files that hold them.
CREATE TABLE office_keys (
  kid TEXT PRIMARY KEY,
  office_id TEXT NOT NULL REFERENCES offices (id),
  encryption_jwk TEXT NOT NULL,
  signing_jwk TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired', 'revoked')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  retired_at TEXT
);
CREATE INDEX office_keys_by_office ON office_keys (office_id, status);

-- Each province's recovery key (held by the provincial administrator): every registration is
-- also encrypted to it, and it signs the administrator in to the province's figures.
CREATE TABLE province_keys (
  kid TEXT PRIMARY KEY,
  province_code TEXT NOT NULL,
  encryption_jwk TEXT NOT NULL,
  signing_jwk TEXT NOT NULL,
  alert_email TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired', 'revoked')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX province_keys_by_province ON province_keys (province_code, status);

CREATE TABLE registrations (
  reference TEXT PRIMARY KEY,
  -- A retried or double-submitted form carries the same key and gets the same registration.
  idempotency_key TEXT NOT NULL UNIQUE,
  province_code TEXT NOT NULL,
  commune_code TEXT NOT NULL,
  office_id TEXT NOT NULL REFERENCES offices (id),
  -- Kept in clear for the province's anonymous counts by form of treatment.
  treatment_form TEXT NOT NULL CHECK (treatment_form IN ('home', 'community', 'facility')),
  lang TEXT NOT NULL,
  -- The encrypted registration (JSON envelope); NULL once deleted after the retention period.
  envelope TEXT,
  -- HMAC of the reference and the date of birth: the family's second factor for the status page.
  status_check TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'appointment', 'more-info', 'decided', 'closed')),
  -- A short message from the office for the family (shown on the status page; no health details).
  status_message TEXT,
  submitted_at TEXT NOT NULL,
  due_by TEXT NOT NULL,
  first_opened_at TEXT,
  decided_at TEXT,
  closed_at TEXT,
  purged_at TEXT,
  deadline_flagged_at TEXT,
  updated_at TEXT NOT NULL,
  status_failures INTEGER NOT NULL DEFAULT 0,
  status_locked_until TEXT
);
CREATE INDEX registrations_by_office ON registrations (office_id, submitted_at);
CREATE INDEX registrations_by_province ON registrations (province_code, submitted_at);
CREATE INDEX registrations_open_due ON registrations (status, due_by);

-- Delivery of each registration to its office: an e-mail notification (no personal data) and,
-- where configured, a signed webhook with the ciphertext. The inbox is the source of truth.
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL REFERENCES registrations (reference),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  target TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  last_attempt_at TEXT,
  -- A worker that takes a delivery holds it until then: two copies of a queue message cannot both send.
  lease_until TEXT,
  sent_at TEXT,
  UNIQUE (reference, channel)
);
CREATE INDEX deliveries_pending ON deliveries (state, last_attempt_at);

-- Every notification sent, as sent (they hold no personal data): the local outbox, and a record.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id TEXT REFERENCES deliveries (id),
  kind TEXT NOT NULL,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Office and province sign-in: one-time challenges, then sessions (stored as hashes).
CREATE TABLE sign_in_challenges (
  nonce TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  principal_kind TEXT NOT NULL CHECK (principal_kind IN ('office', 'province')),
  principal_id TEXT NOT NULL,
  kid TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- Who looked at or changed what, and when.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  reference TEXT,
  detail TEXT
);
CREATE INDEX audit_by_reference ON audit_log (reference, at);
