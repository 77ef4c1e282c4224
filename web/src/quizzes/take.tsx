// Taking a quiz: the quiz's summary and my attempts, then one page with every question of the
// attempt (radio, checkboxes, true/false, text, number), answers saved as they change, a
// countdown driven by the server's deadline, and a submission that a retry cannot grade twice.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, isApiError, type Schemas } from '../api/client.ts';
import { Link } from '../shell/Link.tsx';
import { DataTable, LoadView } from '../ui/data.tsx';
import { Card, ErrorAlert, formatTime, useAction } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';

type Attempt = Schemas['QuizAttempt'];
type AttemptQuestion = Schemas['AttemptQuestion'];
type Answers = Record<string, unknown>;

const AUTOSAVE_DELAY_MS = 800;

export function QuizPage({ lessonId }: { lessonId: string }) {
  const { state, reload } = useLoad(
    (signal) => api.get('/api/v1/learn/quizzes/{lesson_id}/attempts', { signal, path: { lesson_id: lessonId } }),
    `quiz|${lessonId}`,
  );
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const start = useAction();

  if (attempt) {
    return (
      <AttemptView
        key={attempt.id}
        attempt={attempt}
        onFinished={(done) => {
          setAttempt(done);
          reload();
        }}
        onBack={() => {
          setAttempt(null);
          reload();
        }}
      />
    );
  }
  return (
    <LoadView state={state} what="the quiz">
      {(data) => {
        const open = data.attempts.find((a) => a.status === 'open');
        const canStart = open !== undefined || data.attempts_left === null || data.attempts_left > 0;
        return (
          <div className="stack">
            <Card title={data.quiz.title}>
              <ul>
                <li>{data.quiz.question_count} questions</li>
                <li>Pass mark: {data.quiz.passing_percent}%</li>
                <li>
                  Time limit:{' '}
                  {data.quiz.time_limit_seconds ? `${Math.round(data.quiz.time_limit_seconds / 60)} minutes` : 'none'}
                </li>
                <li>
                  Attempts left: {data.attempts_left === null ? 'unlimited' : `${data.attempts_left} of ${data.quiz.attempts_allowed}`}
                </li>
                {data.best_percent !== null && <li>Best score: {data.best_percent}%</li>}
              </ul>
              {data.passed && <p role="status">You have passed this quiz.</p>}
              <ErrorAlert message={start.error} />
              {canStart && (
                <div className="form-actions">
                  <button
                    type="button"
                    className="button"
                    disabled={start.busy}
                    onClick={() =>
                      void start.run(async () => {
                        const started = await api.post('/api/v1/learn/quizzes/{lesson_id}/attempts', {
                          path: { lesson_id: lessonId },
                        });
                        setAttempt(started);
                      })
                    }
                  >
                    {open ? 'Resume the attempt' : 'Start an attempt'}
                  </button>
                </div>
              )}
            </Card>
            {data.attempts.length > 0 && (
              <Card title="My attempts">
                <DataTable caption="My attempts" columns={['Attempt', 'Started', 'Score', 'Result', '']} testId="attempts-table">
                  {data.attempts.map((a) => (
                    <tr key={a.id}>
                      <td>{a.number}</td>
                      <td>{formatTime(a.started_at)}</td>
                      <td>{a.percent === null ? '—' : `${a.percent}%`}</td>
                      <td>{a.status === 'open' ? 'In progress' : a.passed ? 'Passed' : 'Not passed'}</td>
                      <td>
                        {a.status === 'submitted' && (
                          <button
                            type="button"
                            className="button button-secondary"
                            onClick={() =>
                              void start.run(async () => {
                                setAttempt(await api.get('/api/v1/learn/attempts/{attempt_id}', { path: { attempt_id: a.id } }));
                              })
                            }
                          >
                            Review
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              </Card>
            )}
          </div>
        );
      }}
    </LoadView>
  );
}

/** The submit key of an attempt: made once, kept across retries and reloads of the page. */
function submitKeyFor(attemptId: string): string {
  const storageKey = `skillnexus:quiz-submit:${attemptId}`;
  let key = window.sessionStorage.getItem(storageKey);
  if (!key) {
    key = crypto.randomUUID();
    window.sessionStorage.setItem(storageKey, key);
  }
  return key;
}

function initialAnswers(attempt: Attempt): Answers {
  const answers: Answers = {};
  for (const q of attempt.questions) if (q.response !== null && q.response !== undefined) answers[q.id] = q.response;
  return answers;
}

function AttemptView({ attempt, onFinished, onBack }: { attempt: Attempt; onFinished: (a: Attempt) => void; onBack: () => void }) {
  if (attempt.status === 'submitted') return <AttemptResult attempt={attempt} onBack={onBack} />;
  return <OpenAttempt attempt={attempt} onFinished={onFinished} />;
}

function OpenAttempt({ attempt, onFinished }: { attempt: Attempt; onFinished: (a: Attempt) => void }) {
  const [answers, setAnswers] = useState<Answers>(() => initialAnswers(attempt));
  const [saveState, setSaveState] = useState<'idle' | 'saved' | 'saving' | 'unsaved' | 'failed'>('idle');
  const dirty = useRef<Answers>({});
  const timer = useRef<number | undefined>(undefined);
  const submit = useAction();
  const finished = useRef(false);

  const finish = useCallback(
    (withAnswers: boolean) =>
      submit.run(async () => {
        window.clearTimeout(timer.current);
        const body = withAnswers
          ? { submit_key: submitKeyFor(attempt.id), answers: { ...answers } }
          : { submit_key: submitKeyFor(attempt.id) };
        try {
          const done = await api.post('/api/v1/learn/attempts/{attempt_id}/submit', { path: { attempt_id: attempt.id }, body });
          finished.current = true;
          onFinished(done);
        } catch (err) {
          // Already graded (the deadline passed while saving): show that result.
          if (isApiError(err) && err.code === 'attempt_closed') {
            finished.current = true;
            onFinished(await api.get('/api/v1/learn/attempts/{attempt_id}', { path: { attempt_id: attempt.id } }));
            return;
          }
          throw err;
        }
      }),
    [answers, attempt.id, onFinished, submit],
  );

  const flush = useCallback(async () => {
    const pending = dirty.current;
    if (Object.keys(pending).length === 0 || finished.current) return;
    dirty.current = {};
    setSaveState('saving');
    try {
      await api.put('/api/v1/learn/attempts/{attempt_id}/answers', { path: { attempt_id: attempt.id }, body: { answers: pending } });
      setSaveState(Object.keys(dirty.current).length ? 'unsaved' : 'saved');
    } catch (err) {
      if (isApiError(err) && err.code === 'attempt_closed') {
        finished.current = true;
        onFinished(await api.get('/api/v1/learn/attempts/{attempt_id}', { path: { attempt_id: attempt.id } }));
        return;
      }
      dirty.current = { ...pending, ...dirty.current };
      setSaveState('failed');
    }
  }, [attempt.id, onFinished]);

  const answer = (questionId: string, value: unknown) => {
    setAnswers((previous) => ({ ...previous, [questionId]: value }));
    dirty.current = { ...dirty.current, [questionId]: value };
    setSaveState('unsaved');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <div className="stack">
      <Card title={`Attempt ${attempt.number}`}>
        {attempt.seconds_left !== null && (
          <Countdown seconds={attempt.seconds_left} onExpired={() => void finish(true)} />
        )}
        <p role="status" aria-live="polite" className="hint">
          {saveState === 'saving' && 'Saving…'}
          {saveState === 'saved' && 'All answers saved.'}
          {saveState === 'unsaved' && 'Unsaved changes.'}
          {saveState === 'failed' && 'Could not save; will retry with the next change or on submit.'}
        </p>
      </Card>
      <form
        className="form"
        aria-label={`Attempt ${attempt.number}`}
        onSubmit={(event) => {
          event.preventDefault();
          if (!submit.busy) void finish(true);
        }}
      >
        {attempt.questions.map((q, index) => (
          <QuestionInput key={q.id} question={q} index={index} value={answers[q.id]} onChange={(v) => answer(q.id, v)} />
        ))}
        <ErrorAlert message={submit.error} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={submit.busy}>
            {submit.busy ? 'Submitting…' : 'Submit answers'}
          </button>
        </div>
      </form>
    </div>
  );
}

/** Counts down from the server's seconds_left (so the learner's clock does not matter). */
function Countdown({ seconds, onExpired }: { seconds: number; onExpired: () => void }) {
  const [deadline] = useState(() => Date.now() + seconds * 1000);
  const [left, setLeft] = useState(seconds);
  const expired = useRef(false);
  useEffect(() => {
    const tick = window.setInterval(() => {
      const now = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(now);
      if (now === 0 && !expired.current) {
        expired.current = true;
        onExpired();
      }
    }, 500);
    return () => window.clearInterval(tick);
  }, [deadline, onExpired]);
  const minutes = Math.floor(left / 60);
  const secs = String(left % 60).padStart(2, '0');
  return (
    <p className="countdown" data-testid="countdown" aria-live={left <= 60 ? 'polite' : 'off'}>
      Time left: {minutes}:{secs}
    </p>
  );
}

function QuestionInput({
  question,
  index,
  value,
  onChange,
}: {
  question: AttemptQuestion;
  index: number;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const id = useId();
  const legend = (
    <legend>
      {index + 1}. {question.prompt} <span className="hint">({question.points} {question.points === 1 ? 'point' : 'points'})</span>
    </legend>
  );
  switch (question.kind) {
    case 'single_choice':
      return (
        <fieldset className="field" data-testid="question">
          {legend}
          {question.options.map((o) => (
            <label key={o.id} className="choice">
              <input type="radio" name={id} value={o.id} checked={value === o.id} onChange={() => onChange(o.id)} /> {o.text}
            </label>
          ))}
        </fieldset>
      );
    case 'multiple_choice': {
      const picked = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="field" data-testid="question">
          {legend}
          {question.options.map((o) => (
            <label key={o.id} className="choice">
              <input
                type="checkbox"
                value={o.id}
                checked={picked.includes(o.id)}
                onChange={(event) => onChange(event.target.checked ? [...picked, o.id] : picked.filter((p) => p !== o.id))}
              />{' '}
              {o.text}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'true_false':
      return (
        <fieldset className="field" data-testid="question">
          {legend}
          {[true, false].map((choice) => (
            <label key={String(choice)} className="choice">
              <input type="radio" name={id} checked={value === choice} onChange={() => onChange(choice)} /> {choice ? 'True' : 'False'}
            </label>
          ))}
        </fieldset>
      );
    case 'short_text':
    case 'numeric':
      return (
        <fieldset className="field" data-testid="question">
          {legend}
          <label htmlFor={id} className="visually-hidden">
            Your answer
          </label>
          <input
            id={id}
            type="text"
            inputMode={question.kind === 'numeric' ? 'decimal' : undefined}
            autoComplete="off"
            value={typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)}
            onChange={(event) => onChange(event.target.value)}
          />
        </fieldset>
      );
  }
}

function describeResponse(q: AttemptQuestion, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'No answer';
  const optionText = (id: unknown) => q.options.find((o) => o.id === id)?.text ?? String(id);
  if (q.kind === 'single_choice') return optionText(value);
  if (q.kind === 'multiple_choice' && Array.isArray(value)) return value.map(optionText).join(', ') || 'No answer';
  if (q.kind === 'true_false') return value ? 'True' : 'False';
  return String(value);
}

function describeKey(q: AttemptQuestion): string {
  const key = q.answer;
  if (!key) return '';
  if (q.kind === 'single_choice' || q.kind === 'multiple_choice') {
    return (Array.isArray(key.correct) ? key.correct : []).map((id) => q.options.find((o) => o.id === id)?.text ?? id).join(', ');
  }
  if (q.kind === 'true_false') return key.correct ? 'True' : 'False';
  if (q.kind === 'short_text') return (key.accepted ?? []).join(' / ');
  return key.tolerance ? `${key.value} (± ${key.tolerance})` : String(key.value);
}

function AttemptResult({ attempt, onBack }: { attempt: Attempt; onBack: () => void }) {
  const completion = attempt.completion;
  return (
    <div className="stack">
      <Card title={`Attempt ${attempt.number}: ${attempt.passed ? 'passed' : 'not passed'}`}>
        <p role="status" data-testid="quiz-result">
          Score: {attempt.score} of {attempt.max_score} ({attempt.percent}%). Pass mark: {attempt.passing_percent}%.
        </p>
        {attempt.late && <p>Time ran out: the answers saved before the deadline were graded.</p>}
        {completion?.lesson_completed && <p>Lesson complete.</p>}
        {completion?.course_completed && <p>Course complete, congratulations!</p>}
        {completion?.certificate_code && (
          <p>
            Your certificate: <code data-testid="certificate-code">{completion.certificate_code}</code> (<Link to="/learn/certificates">my certificates</Link>)
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onBack}>
            Back to the quiz
          </button>
        </div>
      </Card>
      <Card title="Your answers">
        <ol>
          {attempt.questions.map((q) => (
            <li key={q.id}>
              <p>{q.prompt}</p>
              <p>
                Your answer: {describeResponse(q, q.response)}
                {q.earned !== undefined && ` (${q.earned} of ${q.points} points${q.correct ? ', correct' : ''})`}
              </p>
              {attempt.answers_shown && q.answer && <p>Correct answer: {describeKey(q)}</p>}
              {attempt.answers_shown && q.explanation && <p className="hint">{q.explanation}</p>}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
