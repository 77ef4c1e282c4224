-- Cache invalidation: every instance keeps some answers in memory (live sessions, catalog
-- pages) and listens on the channel 'skillnexus_invalidate' for what changed. These triggers
-- speak for every writer, so no code path that revokes a session or edits a course can forget
-- to tell the caches. A notification is sent at commit, and not at all on rollback.
--
-- Payloads: 'session:<token_hash>' drops one session, 'session' all of them (a user's role or
-- status changed, or sessions were deleted in bulk), 'catalog' every catalog answer.

-- One session changed in a way its cached principal depends on.
CREATE FUNCTION notify_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('skillnexus_invalidate', 'session:' || NEW.token_hash);
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_invalidate AFTER UPDATE OF revoked_at, expires_at, auth_method, user_id
  ON sessions FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
        OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.auth_method IS DISTINCT FROM NEW.auth_method
        OR OLD.user_id IS DISTINCT FROM NEW.user_id)
  EXECUTE FUNCTION notify_session_changed();

-- Bulk changes: drop every cached session (retention deletes, a user's role or status).
CREATE FUNCTION notify_all_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('skillnexus_invalidate', 'session');
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_deleted_invalidate AFTER DELETE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_all_sessions();
CREATE TRIGGER users_access_invalidate AFTER UPDATE OF role, status ON users
  FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION notify_all_sessions();
CREATE TRIGGER users_deleted_invalidate AFTER DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_all_sessions();

-- Anything a catalog answer or a course page shows. Statement-level: a reorder of fifty lessons
-- is one notification. courses.enrolment_count is left out on purpose: it changes with every
-- enrolment, and cached answers show it at most the cache's time to live late.
CREATE FUNCTION notify_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('skillnexus_invalidate', 'catalog');
  RETURN NULL;
END $$;
CREATE TRIGGER courses_invalidate AFTER INSERT OR DELETE OR UPDATE OF
  slug, title, summary, description_md, description_html, cover_url, level, duration_minutes,
  language, status, self_enrolment, version, search, published_at
  ON courses FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();
CREATE TRIGGER course_sections_invalidate AFTER INSERT OR UPDATE OR DELETE ON course_sections
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();
CREATE TRIGGER lessons_invalidate AFTER INSERT OR UPDATE OR DELETE ON lessons
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();
CREATE TRIGGER course_skills_invalidate AFTER INSERT OR UPDATE OR DELETE ON course_skills
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();
CREATE TRIGGER skills_invalidate AFTER INSERT OR UPDATE OR DELETE ON skills
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();
CREATE TRIGGER course_owners_invalidate AFTER INSERT OR UPDATE OR DELETE ON course_owners
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();
CREATE TRIGGER course_prerequisites_invalidate AFTER INSERT OR UPDATE OR DELETE
  ON course_prerequisites FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();
-- Owners' names are on course pages.
CREATE TRIGGER users_name_invalidate AFTER UPDATE OF name ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();

-- The enrolment counter again (from 0010): an UPDATE of enrolments that changes no status (a
-- learner's progress, their last activity) used to write every course row it touched twice
-- (+n, then -n), so each heartbeat-driven touch of a popular course queued on that one row.
-- Now only a net change writes.
CREATE OR REPLACE FUNCTION enrolments_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE courses c SET enrolment_count = c.enrolment_count + d.n
    FROM (SELECT course_id, count(*) AS n FROM new_rows WHERE status <> 'withdrawn'
          GROUP BY course_id) d
    WHERE c.id = d.course_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE courses c SET enrolment_count = c.enrolment_count - d.n
    FROM (SELECT course_id, count(*) AS n FROM old_rows WHERE status <> 'withdrawn'
          GROUP BY course_id) d
    WHERE c.id = d.course_id;
  ELSE
    UPDATE courses c SET enrolment_count = c.enrolment_count + d.n
    FROM (SELECT course_id, sum(delta) AS n FROM (
            SELECT course_id, 1 AS delta FROM new_rows WHERE status <> 'withdrawn'
            UNION ALL
            SELECT course_id, -1 FROM old_rows WHERE status <> 'withdrawn') moved
          GROUP BY course_id HAVING sum(delta) <> 0) d
    WHERE c.id = d.course_id;
  END IF;
  RETURN NULL;
END
$$;
