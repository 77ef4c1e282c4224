-- Two-factor authentication with TOTP. Seeds are sealed with a key derived from the server's
-- secret key (identity/secret_box), never stored in the clear.
ALTER TABLE users
  ADD COLUMN totp_secret         text,  -- sealed seed of the enrolled authenticator (base64)
  ADD COLUMN totp_pending_secret text,  -- sealed seed shown during enrolment, until confirmed
  ADD COLUMN totp_enabled_at     timestamptz,
  ADD COLUMN totp_last_step      bigint;  -- the last accepted time step: each code works once

-- Single-use recovery codes: a random 32-bit salt and SHA-256 each (ASVS 2.6.2), never the code.
CREATE TABLE recovery_codes (
  user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  salt      text NOT NULL,
  code_hash text NOT NULL,
  used_at   timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- How a session was signed in: admin routes need a second factor, either our TOTP or the
-- identity provider's own (single sign-on).
ALTER TABLE sessions ADD COLUMN auth_method text NOT NULL DEFAULT 'password'
  CHECK (auth_method IN ('password', 'password+totp', 'oidc'));
