-- The learning core: skills, courses and their outline, enrolment, progress, the learning-event
-- stream, quizzes, certificates and learning paths. Sized for 1M users and 100M learning events:
-- every hot read below names the index that serves it.

-- Skills taxonomy: a tree (a skill may sit under a broader one).
CREATE TABLE skills (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
  name        text NOT NULL CHECK (name = btrim(name) AND length(name) BETWEEN 1 AND 100),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  parent_id   uuid REFERENCES skills (id) ON DELETE RESTRICT,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS DISTINCT FROM id)
);
CREATE UNIQUE INDEX skills_name_key ON skills (lower(name));
CREATE INDEX skills_by_parent ON skills (parent_id);

CREATE TABLE courses (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug             text NOT NULL UNIQUE
                   CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
  title            text NOT NULL CHECK (title = btrim(title) AND length(title) BETWEEN 1 AND 200),
  summary          text NOT NULL DEFAULT '' CHECK (length(summary) <= 500),
  description_md   text NOT NULL DEFAULT '' CHECK (length(description_md) <= 100000),
  description_html text NOT NULL DEFAULT '',  -- rendered on the server (cmark-gfm, safe mode)
  cover_url        text CHECK (length(cover_url) <= 2000),  -- an asset once media lands
  level            text NOT NULL DEFAULT 'beginner'
                   CHECK (level IN ('beginner', 'intermediate', 'advanced')),
  duration_minutes integer NOT NULL DEFAULT 0 CHECK (duration_minutes BETWEEN 0 AND 100000),
  language         text NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2,3}(-[A-Z]{2})?$'),
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  self_enrolment   boolean NOT NULL DEFAULT true,  -- learners may enrol themselves
  -- Optimistic concurrency: every edit of the course or its outline bumps it; it is the ETag.
  version          bigint NOT NULL DEFAULT 1,
  -- Kept by the statement-level triggers on enrolments (the catalog's "popular" order).
  enrolment_count  bigint NOT NULL DEFAULT 0,
  -- Full-text document: title (A), skills (B), summary (B), description (C). Written by the
  -- course code whenever one of them changes (skills live in another table, so no generated
  -- column can hold it).
  search           tsvector NOT NULL DEFAULT ''::tsvector,
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  published_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- The catalog only ever searches published courses: partial indexes keep drafts out.
CREATE INDEX courses_search ON courses USING gin (search) WHERE status = 'published';
CREATE INDEX courses_published_newest ON courses (published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX courses_published_title ON courses (lower(title), id) WHERE status = 'published';
CREATE INDEX courses_published_popular ON courses (enrolment_count DESC, id DESC) WHERE status = 'published';
CREATE INDEX courses_title_trgm ON courses USING gin (lower(title) gin_trgm_ops);

-- The catalog's search document, in one place for the server and the bulk seeder. The 'simple'
-- configuration (no stemming, no stop words) keeps prefix matching predictable as one types in
-- any of the catalog's languages.
CREATE FUNCTION course_search_vector(title text, summary text, description text, skills text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('simple', title), 'A') ||
         setweight(to_tsvector('simple', skills), 'B') ||
         setweight(to_tsvector('simple', summary), 'B') ||
         setweight(to_tsvector('simple', description), 'C')
$$;

CREATE TABLE course_owners (
  course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  added_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, user_id)
);
CREATE INDEX course_owners_by_user ON course_owners (user_id, course_id);

CREATE TABLE course_skills (
  course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  skill_id  uuid NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
  level     smallint NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 5),  -- the level it teaches
  PRIMARY KEY (course_id, skill_id)
);
CREATE INDEX course_skills_by_skill ON course_skills (skill_id, course_id);

CREATE TABLE course_prerequisites (
  course_id          uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  required_course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  PRIMARY KEY (course_id, required_course_id),
  CHECK (course_id <> required_course_id)
);

-- Positions are unique per parent but checked at commit, so one statement (or transaction) can
-- reorder a whole outline without a temporary clash.
CREATE TABLE course_sections (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id         uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  position          integer NOT NULL CHECK (position >= 0),
  title             text NOT NULL CHECK (title = btrim(title) AND length(title) BETWEEN 1 AND 200),
  -- Locked for a learner until every required lesson of the previous section is complete.
  requires_previous boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT course_sections_position UNIQUE (course_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE lessons (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id        uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  section_id       uuid NOT NULL REFERENCES course_sections (id) ON DELETE CASCADE,
  position         integer NOT NULL CHECK (position >= 0),
  title            text NOT NULL CHECK (title = btrim(title) AND length(title) BETWEEN 1 AND 200),
  kind             text NOT NULL CHECK (kind IN ('video', 'article', 'quiz', 'file')),
  required         boolean NOT NULL DEFAULT true,  -- counts towards course completion
  -- article
  body_md          text NOT NULL DEFAULT '' CHECK (length(body_md) <= 200000),
  body_html        text NOT NULL DEFAULT '',
  -- video: the media item (the media issue adds the table); its length once known
  media_id         uuid,
  duration_seconds integer CHECK (duration_seconds > 0),
  -- file: an object in the assets store
  file_key         text CHECK (length(file_key) <= 500),
  file_name        text CHECK (length(file_name) <= 255),
  file_size        bigint CHECK (file_size >= 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT lessons_position UNIQUE (section_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX lessons_by_course ON lessons (course_id);

-- One row per (learner, course), kept after withdrawal: unenrolling sets status and withdrawn_at,
-- and every change is also a learning event, so the history stays.
CREATE TABLE enrolments (
  user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  course_id         uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'withdrawn')),
  source            text NOT NULL DEFAULT 'self' CHECK (source IN ('self', 'assigned', 'group', 'import')),
  assigned_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  group_id          uuid REFERENCES groups (id) ON DELETE SET NULL,
  due_at            timestamptz,
  enrolled_at       timestamptz NOT NULL DEFAULT now(),
  completed_at      timestamptz,
  withdrawn_at      timestamptz,
  -- Course progress, updated in the same transaction as the lesson change that moves it.
  required_lessons  integer NOT NULL DEFAULT 0,
  completed_lessons integer NOT NULL DEFAULT 0,
  progress_percent  smallint NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
  -- "Continue where you left off".
  last_lesson_id    uuid REFERENCES lessons (id) ON DELETE SET NULL,
  last_activity_at  timestamptz,
  PRIMARY KEY (user_id, course_id)
);
-- A course's learners (instructor view, CSV export), in user order for the keyset.
CREATE INDEX enrolments_by_course ON enrolments (course_id, user_id);
-- The learner dashboard: current courses, most recently active first.
CREATE INDEX enrolments_dashboard ON enrolments (user_id, status, last_activity_at DESC NULLS LAST);

CREATE FUNCTION enrolments_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE courses c SET enrolment_count = c.enrolment_count + d.n
    FROM (SELECT course_id, count(*) AS n FROM new_rows WHERE status <> 'withdrawn' GROUP BY course_id) d
    WHERE c.id = d.course_id;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE courses c SET enrolment_count = c.enrolment_count - d.n
    FROM (SELECT course_id, count(*) AS n FROM old_rows WHERE status <> 'withdrawn' GROUP BY course_id) d
    WHERE c.id = d.course_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER enrolments_counted_insert AFTER INSERT ON enrolments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enrolments_count_changed();
CREATE TRIGGER enrolments_counted_update AFTER UPDATE ON enrolments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enrolments_count_changed();
CREATE TRIGGER enrolments_counted_delete AFTER DELETE ON enrolments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION enrolments_count_changed();

-- Per learner and lesson; no row means "not started".
CREATE TABLE lesson_progress (
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  course_id        uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  lesson_id        uuid NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
  status           text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'completed')),
  -- Video: the distinct spans watched, in milliseconds. Union is idempotent and order-free, so a
  -- duplicate or late heartbeat cannot count twice.
  watched          int8multirange NOT NULL DEFAULT '{}',
  watched_ms       bigint NOT NULL DEFAULT 0,
  position_ms      bigint NOT NULL DEFAULT 0 CHECK (position_ms >= 0),  -- resume here
  -- Quiz: the best attempt so far.
  best_score       numeric(5, 2) CHECK (best_score BETWEEN 0 AND 100),
  started_at       timestamptz NOT NULL DEFAULT now(),
  completed_at     timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  -- (user, course) first: one index range holds a learner's whole course.
  PRIMARY KEY (user_id, course_id, lesson_id)
);
CREATE INDEX lesson_progress_by_lesson ON lesson_progress (lesson_id);

-- The learning-event stream, shaped like xAPI statements. Append-only (the trigger below refuses
-- UPDATE and DELETE); no foreign keys, so the record outlives what it names and inserts stay cheap.
CREATE TABLE learning_events (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),          -- statement id
  occurred_at timestamptz NOT NULL DEFAULT now(),               -- statement timestamp
  stored_at   timestamptz NOT NULL DEFAULT now(),
  actor_id    uuid NOT NULL,                                    -- the learner
  verb        text NOT NULL CHECK (verb ~ '^[a-z_]+$'),         -- enrolled, progressed, completed, …
  object_type text NOT NULL CHECK (object_type IN ('course', 'lesson', 'quiz', 'certificate', 'path')),
  object_id   uuid NOT NULL,
  course_id   uuid,                                             -- context: the course, if any
  result      jsonb,                                            -- score, success, completion, duration
  context     jsonb,                                            -- instructor, group, platform, …
  PRIMARY KEY (id)
);
-- Time ranges over 100M rows: BRIN is a few pages, as rows arrive in time order.
CREATE INDEX learning_events_time ON learning_events USING brin (occurred_at);
CREATE INDEX learning_events_by_actor ON learning_events (actor_id, occurred_at);
CREATE INDEX learning_events_by_course ON learning_events (course_id, occurred_at) WHERE course_id IS NOT NULL;

CREATE FUNCTION learning_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'learning_events is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER learning_events_append_only BEFORE UPDATE OR DELETE ON learning_events
  FOR EACH STATEMENT EXECUTE FUNCTION learning_events_append_only();

-- Quizzes: a question bank per course, a quiz per quiz lesson, attempts per learner.
CREATE TABLE quiz_questions (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id      uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  kind           text NOT NULL
                 CHECK (kind IN ('single_choice', 'multiple_choice', 'true_false', 'short_text', 'numeric')),
  prompt         text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 5000),
  -- [{"id": "a", "text": "…"}] for choice questions; empty otherwise.
  options        jsonb NOT NULL DEFAULT '[]',
  -- The key; never sent to a learner before they submit. By kind: {"correct": ["a"]},
  -- {"correct": true}, {"accepted": ["…"], "case_sensitive": false}, {"value": 3.14, "tolerance": 0.01}.
  answer         jsonb NOT NULL,
  explanation    text NOT NULL DEFAULT '' CHECK (length(explanation) <= 5000),
  points         integer NOT NULL DEFAULT 1 CHECK (points BETWEEN 1 AND 100),
  partial_credit boolean NOT NULL DEFAULT false,  -- multiple choice
  archived       boolean NOT NULL DEFAULT false,  -- kept for past attempts, not drawn again
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quiz_questions_by_course ON quiz_questions (course_id, created_at, id);

CREATE TABLE quizzes (
  lesson_id          uuid PRIMARY KEY REFERENCES lessons (id) ON DELETE CASCADE,
  course_id          uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  -- Either a fixed list (draw_count NULL) or draw_count questions at random from question_ids
  -- (or from the whole bank when question_ids is empty).
  question_ids       uuid[] NOT NULL DEFAULT '{}',
  draw_count         integer CHECK (draw_count BETWEEN 1 AND 500),
  shuffle_options    boolean NOT NULL DEFAULT true,
  time_limit_seconds integer CHECK (time_limit_seconds BETWEEN 10 AND 86400),
  attempts_allowed   integer CHECK (attempts_allowed BETWEEN 1 AND 100),  -- NULL: unlimited
  passing_percent    integer NOT NULL DEFAULT 70 CHECK (passing_percent BETWEEN 0 AND 100),
  show_answers       text NOT NULL DEFAULT 'after_submit'
                     CHECK (show_answers IN ('never', 'after_submit', 'after_pass')),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE quiz_attempts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lesson_id     uuid NOT NULL REFERENCES quizzes (lesson_id) ON DELETE CASCADE,
  course_id     uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  number        integer NOT NULL CHECK (number >= 1),
  -- What this attempt shows: [{"question_id": …, "option_order": ["b", "a", …]}], fixed at start.
  questions     jsonb NOT NULL,
  answers       jsonb NOT NULL DEFAULT '{}',  -- saved so far, by question id
  started_at    timestamptz NOT NULL DEFAULT now(),
  deadline      timestamptz,                  -- started_at + time limit; enforced on the server
  submitted_at  timestamptz,
  submit_key    text CHECK (length(submit_key) <= 100),  -- makes a retried submit a no-op
  score         numeric(8, 2),
  max_score     numeric(8, 2),
  percent       numeric(5, 2),
  passed        boolean,
  graded        jsonb,                        -- per question: points, correct (for the review)
  CONSTRAINT quiz_attempts_number UNIQUE (lesson_id, user_id, number)
);
-- At most one open attempt per learner and quiz.
CREATE UNIQUE INDEX quiz_attempts_open ON quiz_attempts (lesson_id, user_id) WHERE submitted_at IS NULL;
CREATE INDEX quiz_attempts_by_course_user ON quiz_attempts (course_id, user_id);

CREATE TABLE learning_paths (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug             text NOT NULL UNIQUE
                   CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
  title            text NOT NULL CHECK (title = btrim(title) AND length(title) BETWEEN 1 AND 200),
  summary          text NOT NULL DEFAULT '' CHECK (length(summary) <= 500),
  description_md   text NOT NULL DEFAULT '' CHECK (length(description_md) <= 100000),
  description_html text NOT NULL DEFAULT '',
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  version          bigint NOT NULL DEFAULT 1,
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  published_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- An author's paths, newest first (GET /paths), and the catalog's published paths, newest first.
CREATE INDEX learning_paths_by_creator ON learning_paths (created_by, created_at DESC, id DESC);
CREATE INDEX learning_paths_published ON learning_paths (published_at DESC, id DESC)
  WHERE status = 'published';

CREATE TABLE learning_path_courses (
  path_id   uuid NOT NULL REFERENCES learning_paths (id) ON DELETE CASCADE,
  course_id uuid NOT NULL REFERENCES courses (id) ON DELETE RESTRICT,
  position  integer NOT NULL CHECK (position >= 0),
  PRIMARY KEY (path_id, course_id),
  CONSTRAINT learning_path_courses_position UNIQUE (path_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX learning_path_courses_by_course ON learning_path_courses (course_id);

CREATE TABLE learning_path_enrolments (
  user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  path_id           uuid NOT NULL REFERENCES learning_paths (id) ON DELETE CASCADE,
  enrolled_at       timestamptz NOT NULL DEFAULT now(),
  completed_courses integer NOT NULL DEFAULT 0,
  completed_at      timestamptz,
  PRIMARY KEY (user_id, path_id)
);
CREATE INDEX learning_path_enrolments_by_path ON learning_path_enrolments (path_id, user_id);

-- Certificates: for a course or for a whole path. Name and title are copied at issue, so the
-- certificate says what it said on the day even if the course is renamed.
CREATE TABLE certificates (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code         text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{12,40}$'),  -- printed; verifies it
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  course_id    uuid REFERENCES courses (id) ON DELETE SET NULL,
  path_id      uuid REFERENCES learning_paths (id) ON DELETE SET NULL,
  kind         text NOT NULL CHECK (kind IN ('course', 'path')),
  learner_name text NOT NULL,
  title        text NOT NULL,
  issued_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  revoked_reason text
);
CREATE UNIQUE INDEX certificates_course_once ON certificates (user_id, course_id) WHERE kind = 'course';
CREATE UNIQUE INDEX certificates_path_once ON certificates (user_id, path_id) WHERE kind = 'path';
CREATE INDEX certificates_by_user ON certificates (user_id, issued_at DESC);

-- A learner's skill profile: for each skill, the highest level taught by a course they completed.
CREATE VIEW learner_skills AS
  SELECT e.user_id, cs.skill_id, max(cs.level) AS level, count(*) AS courses,
         max(e.completed_at) AS last_completed_at
  FROM enrolments e JOIN course_skills cs ON cs.course_id = e.course_id
  WHERE e.completed_at IS NOT NULL
  GROUP BY e.user_id, cs.skill_id;
