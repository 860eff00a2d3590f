-- "Report a mistake": what a reader says is wrong on a page. No personal data is asked for;
-- the form tells readers not to include any.
CREATE TABLE feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  page TEXT NOT NULL,
  message TEXT NOT NULL,
  lang TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  handled_at TEXT
);
