-- A heartbeat that arrives late (a retried request, one overtaken by the next) must not move the
-- resume point back. The player names its playback (a random id per load of the player) and
-- numbers its beats; the stored position moves only for a later beat of the same playback, or
-- for a beat of another playback (the learner came back). Watched spans need none of this:
-- their union does not depend on order. Nullable columns without a default: no table rewrite.
ALTER TABLE lesson_progress
  ADD COLUMN position_playback uuid,
  ADD COLUMN position_sequence bigint;
