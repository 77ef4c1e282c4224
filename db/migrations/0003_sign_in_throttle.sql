-- Failed sign-ins per account (key 'account:<lower email>') and per client address
-- ('client:<ip>'), shared by every instance. A row blocks attempts until blocked_until; the
-- delay grows with the failures and is capped, so nobody can lock a colleague out for good.
CREATE TABLE sign_in_throttle (
  key             text PRIMARY KEY,
  failures        integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  blocked_until   timestamptz
);
CREATE INDEX sign_in_throttle_by_age ON sign_in_throttle (last_failure_at);
