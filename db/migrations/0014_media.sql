-- Media: what instructors upload (videos, images, attachments, captions) and what the transcoder
-- makes of it. The bytes live in the object store; these rows say where, and in what state.
CREATE TABLE media (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id     uuid REFERENCES users (id) ON DELETE SET NULL,
  kind         text NOT NULL CHECK (kind IN ('video', 'image', 'attachment', 'caption')),
  status       text NOT NULL DEFAULT 'processing'
               CHECK (status IN ('processing', 'ready', 'failed')),
  file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type text NOT NULL,  -- as detected from the bytes, never as the client said
  size_bytes   bigint NOT NULL CHECK (size_bytes >= 0),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- the uploaded original: in the uploads bucket until a video is transcoded, then removed;
  -- images and attachments are moved to the assets bucket
  source_key   text,
  object_key   text,
  -- videos: from ffprobe, and what the transcoder made (under <id>/ in the videos bucket)
  duration_ms  bigint CHECK (duration_ms > 0),
  width        integer CHECK (width > 0),
  height       integer CHECK (height > 0),
  -- the HLS ladder: {"variants": [{uri, bandwidth, resolution, codecs, height}], "start_pts": n}
  hls          jsonb NOT NULL DEFAULT '{}',
  progress     real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  failure      text CHECK (length(failure) <= 2000),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
-- An instructor's library, newest first, by cursor.
CREATE INDEX media_by_owner ON media (owner_id, created_at DESC, id DESC);

-- Captions of a video, one WebVTT file per language: subtitle renditions of its master playlist.
CREATE TABLE media_captions (
  media_id    uuid NOT NULL REFERENCES media (id) ON DELETE CASCADE,
  language    text NOT NULL CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  object_key  text NOT NULL,
  cue_count   integer NOT NULL CHECK (cue_count >= 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (media_id, language)
);

-- Resumable uploads (tus 1.0) in progress. The length is declared at creation, so limits and
-- quotas are checked before any byte is stored; `received` is the offset a client resumes from.
CREATE TABLE uploads (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('video', 'image', 'attachment', 'caption')),
  file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  declared_length bigint NOT NULL CHECK (declared_length >= 0),
  received        bigint NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= declared_length),
  -- the media row it became, once complete and accepted
  media_id        uuid REFERENCES media (id) ON DELETE SET NULL,
  rejection       text CHECK (length(rejection) <= 2000),
  expires_at      timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX uploads_by_user ON uploads (user_id) WHERE media_id IS NULL AND rejection IS NULL;
CREATE INDEX uploads_expiring ON uploads (expires_at) WHERE media_id IS NULL;

-- A job queue: workers claim with FOR UPDATE SKIP LOCKED and hold a lease they keep extending; a
-- job whose worker died is claimed again once its lease runs out. Failures retry with backoff.
CREATE TABLE jobs (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
  payload       jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
  run_after     timestamptz NOT NULL DEFAULT now(),
  lease_until   timestamptz,
  worker        text,
  last_error    text CHECK (length(last_error) <= 2000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due ON jobs (run_after, id) WHERE status = 'queued';
CREATE INDEX jobs_leased ON jobs (lease_until) WHERE status = 'running';
-- One live transcode per video: enqueueing again while one waits or runs is a no-op.
CREATE UNIQUE INDEX jobs_one_live_per_subject ON jobs (kind, (payload ->> 'subject'))
  WHERE status IN ('queued', 'running');
