-- Reminders by e-mail (issue 18): a user's own address and how often they want their inbox
-- sent (`off`, `daily`, `immediate`; NULL is off), and what was last sent to whom, so an
-- item is sent once while it stays in the inbox and a daily digest once a day. `item` is the
-- inbox item's key (`endorse:<id>`, …) or `digest`; `sent_on` the day (UTC) it went.
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN reminders TEXT;
CREATE TABLE reminders_sent (
    user_name TEXT NOT NULL REFERENCES users (name),
    item      TEXT NOT NULL,
    sent_on   TEXT NOT NULL,
    PRIMARY KEY (user_name, item)
);
