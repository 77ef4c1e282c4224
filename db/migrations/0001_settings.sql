-- Platform-wide settings, one JSON document per key, edited by admins. The `platform` row is what
-- every visitor sees before signing in (name, sign-up mode), read on each page load.
CREATE TABLE settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO settings (key, value)
VALUES ('platform', '{"name": "SkillNexus", "signup": "invite_only"}');
