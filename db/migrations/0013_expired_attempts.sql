-- Housekeeping grades quiz attempts left open past their deadline (the learner closed the page):
-- it finds them by deadline among the open ones, without walking every attempt.
CREATE INDEX quiz_attempts_open_deadline ON quiz_attempts (deadline)
  WHERE submitted_at IS NULL AND deadline IS NOT NULL;
