-- Single sign-on with an OpenID provider.

-- Which provider account (issuer + subject, never the email: it may change or be reassigned)
-- belongs to which local account.
CREATE TABLE user_identities (
  issuer          text NOT NULL,
  subject         text NOT NULL,
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_by_user ON user_identities (user_id);

-- Sign-ins in progress: kept server-side so whichever instance gets the callback can finish it.
-- Keyed by the SHA-256 of the state; the browser holds the state itself in a short-lived cookie.
CREATE TABLE oidc_logins (
  state_hash    text PRIMARY KEY,
  nonce         text NOT NULL,
  code_verifier text NOT NULL,
  return_to     text NOT NULL,
  expires_at    timestamptz NOT NULL
);
CREATE INDEX oidc_logins_by_expiry ON oidc_logins (expires_at);
