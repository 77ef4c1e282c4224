-- Resumable uploads staged in S3 (SKILLNEXUS_STORAGE=s3), so that any instance can take an
-- upload's next PATCH: the bytes are parts of an S3 multipart upload plus a small "tail" object
-- (what is left after the last full part), and what has been kept of them is recorded here, only
-- once a PATCH is complete and its checksum matched. `received` stays the offset to resume from.
-- With the local store the bytes stay in a file on disk and these columns stay empty.
ALTER TABLE uploads
  -- the multipart upload's key in the uploads bucket, and S3's id for it (NULL once completed)
  ADD COLUMN staging_key   text,
  ADD COLUMN multipart_id  text,
  -- the object holding the bytes after the last part (smaller than a part), if any
  ADD COLUMN tail_key      text,
  ADD COLUMN tail_size     bigint NOT NULL DEFAULT 0 CHECK (tail_size >= 0),
  -- one request at a time writes an upload, on any instance: a lease, taken with a conditional
  -- UPDATE and cleared when the request ends; one left by a crashed instance runs out
  ADD COLUMN writer        text,
  ADD COLUMN writing_until timestamptz;

-- The parts sent so far, in order; the last part (the tail) is sent only at completion.
CREATE TABLE upload_parts (
  upload_id  uuid NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
  number     integer NOT NULL CHECK (number BETWEEN 1 AND 10000),
  etag       text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  PRIMARY KEY (upload_id, number)
);
