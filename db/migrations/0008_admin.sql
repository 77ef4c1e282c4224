-- Admin console: user search at 1M accounts, groups (teams, departments) and audit search.

-- Case-insensitive substring search on email and name ("ann" finds "Joanna"): trigram indexes.
-- pg_trgm is a trusted extension, so the database owner may create it (embedded and RDS alike).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_email_trgm ON users USING gin (lower(email) gin_trgm_ops);
CREATE INDEX users_name_trgm ON users USING gin (lower(name) gin_trgm_ops);
-- The listing walks users in lower(email) order (unique: users_email_key); a role or status
-- filter walks the matching slice of one of these instead of skipping over the rest.
CREATE INDEX users_by_role_email ON users (role, lower(email));
CREATE INDEX users_by_status_email ON users (status, lower(email));

-- last_sign_in_at in the listing: the newest session of each listed user, one index probe each.
CREATE INDEX sessions_by_user_created ON sessions (user_id, created_at DESC);

CREATE TABLE groups (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL CHECK (name = btrim(name) AND length(name) BETWEEN 1 AND 100),
  description  text NOT NULL DEFAULT '',
  -- Kept by the triggers below so a page of groups does not count large memberships.
  member_count bigint NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX groups_name_key ON groups (lower(name));
CREATE INDEX groups_name_trgm ON groups USING gin (lower(name) gin_trgm_ops);

CREATE TABLE group_members (
  group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_by_user ON group_members (user_id);

-- Statement-level, so a bulk import of 10,000 members updates each group once, not per row.
CREATE FUNCTION group_members_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE groups g SET member_count = g.member_count + a.n
  FROM (SELECT group_id, count(*) AS n FROM added GROUP BY group_id) a WHERE g.id = a.group_id;
  RETURN NULL;
END
$$;
CREATE FUNCTION group_members_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE groups g SET member_count = g.member_count - r.n
  FROM (SELECT group_id, count(*) AS n FROM removed GROUP BY group_id) r WHERE g.id = r.group_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER group_members_added AFTER INSERT ON group_members
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION group_members_count_added();
CREATE TRIGGER group_members_removed AFTER DELETE ON group_members
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT
  EXECUTE FUNCTION group_members_count_removed();

-- Audit search: newest first with a keyset on (occurred_at, id). Exact events and prefixes
-- ("sign_in.") use the event index (text_pattern_ops serves LIKE 'prefix%' in any collation);
-- a user's trail uses the user index, now with id for the keyset tie-break.
CREATE INDEX audit_events_by_event ON audit_events (event text_pattern_ops, occurred_at DESC, id DESC);
DROP INDEX audit_events_by_user;
CREATE INDEX audit_events_by_user ON audit_events (user_id, occurred_at DESC, id DESC);
