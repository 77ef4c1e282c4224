-- Outgoing mail, self-service sign-up, email verification and address changes.

-- Mail waits here until a sender (one per instance) delivers it. Rows are claimed by pushing
-- next_attempt_at past the delivery timeout, so an instance that dies mid-delivery only delays a
-- message. Delivered rows are deleted: their text holds single-use links.
CREATE TABLE mail_outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recipient       text NOT NULL,
  subject         text NOT NULL,
  body            text NOT NULL,
  link            text NOT NULL DEFAULT '',  -- the body's link, logged by the .eml transport only
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at);

-- Requests that send mail to an address someone types in (reset, resend, sign-up), counted per
-- key ('reset:<lower email>', 'client:<ip>', ...) in fixed windows, shared by every instance.
CREATE TABLE mail_throttle (
  key          text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  requests     integer NOT NULL
);
CREATE INDEX mail_throttle_by_age ON mail_throttle (window_start);

-- A token names the address it was sent to: an address change happens only through a link sent
-- to the new address, and a verification link stops working once the address changes.
ALTER TABLE user_tokens ADD COLUMN email text;
ALTER TABLE user_tokens DROP CONSTRAINT user_tokens_purpose_check;
ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_purpose_check
  CHECK (purpose IN ('password_set', 'password_reset', 'email_verify', 'email_change'));

-- Sign-in now requires a verified address. Until now a password could only be set through a
-- link mailed to (or printed for) the account, which proves the mailbox: count those as verified.
UPDATE users SET email_verified_at = updated_at
WHERE email_verified_at IS NULL AND password_hash IS NOT NULL;
