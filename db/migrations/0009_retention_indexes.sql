-- Indexes for the housekeeping deletes (identity/retention.cpp): each batch finds its rows
-- through one of these instead of scanning the table.
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_revocation ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX access_tokens_by_expiry ON access_tokens (expires_at);
CREATE INDEX user_tokens_by_expiry ON user_tokens (expires_at);
