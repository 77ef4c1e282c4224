// The quiz editor of a course's owners: the course's question bank (create, edit, delete by kind)
// and one quiz lesson's settings (which questions, random draw, shuffle, time limit, attempts,
// pass mark, when answers are shown).
import { useId, useState } from 'react';
import { api, type Schemas } from '../api/client.ts';
import { DataTable, LoadView } from '../ui/data.tsx';
import { ActionButton, Card, ErrorAlert, Field, Form, SelectField, useAction } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';

type Question = Schemas['Question'];
type QuestionKind = Schemas['QuestionKind'];
type QuestionInput = Schemas['QuestionInput'];
type QuizSettings = Schemas['QuizSettings'];
type ShowAnswers = Schemas['ShowAnswers'];

const KINDS: readonly { value: QuestionKind; label: string }[] = [
  { value: 'single_choice', label: 'Single choice' },
  { value: 'multiple_choice', label: 'Multiple choice' },
  { value: 'true_false', label: 'True or false' },
  { value: 'short_text', label: 'Short text' },
  { value: 'numeric', label: 'Number' },
];

const SHOW_ANSWERS: readonly { value: ShowAnswers; label: string }[] = [
  { value: 'after_submit', label: 'After each submission' },
  { value: 'after_pass', label: 'Once the learner has passed' },
  { value: 'never', label: 'Never' },
];

/** The largest page the server gives. */
const BANK_PAGE = 200;

/**
 * The whole bank, its pages followed to the end: the table and the fixed-list picker need every
 * question, and a course's bank holds hundreds, not millions.
 */
async function loadBank(courseId: string, signal: AbortSignal): Promise<{ questions: Question[] }> {
  const questions: Question[] = [];
  let cursor: string | null = null;
  do {
    const page: { questions: Question[]; next_cursor: string | null } = await api.get('/api/v1/courses/{id}/questions', {
      signal,
      path: { id: courseId },
      query: { limit: BANK_PAGE, ...(cursor ? { cursor } : {}) },
    });
    questions.push(...page.questions);
    cursor = page.next_cursor;
  } while (cursor);
  return { questions };
}

export function QuizEditorPage({ courseId, lessonId }: { courseId: string; lessonId: string }) {
  const bank = useLoad((signal) => loadBank(courseId, signal), `bank|${courseId}`);
  const settings = useLoad(
    (signal) => api.get('/api/v1/courses/{id}/quizzes/{lesson_id}', { signal, path: { id: courseId, lesson_id: lessonId } }),
    `quiz-settings|${courseId}|${lessonId}`,
  );
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const remove = useAction();
  const changed = () => {
    bank.reload();
    settings.reload();
  };

  return (
    <div className="stack">
      <LoadView state={settings.state} what="the quiz settings">
        {(data) => (
          <LoadView state={bank.state} what="the question bank">
            {(questions) => (
              <SettingsForm key={data.lesson_id} courseId={courseId} settings={data} bank={questions.questions} onSaved={settings.reload} />
            )}
          </LoadView>
        )}
      </LoadView>
      <Card title="Question bank">
        <ErrorAlert message={remove.error} />
        <LoadView state={bank.state} what="the question bank">
          {(data) => (
            <>
              <DataTable caption="Question bank" columns={['Question', 'Kind', 'Points', '']} testId="bank-table">
                {data.questions.map((q) => (
                  <tr key={q.id}>
                    <td>{q.prompt}</td>
                    <td>{KINDS.find((k) => k.value === q.kind)?.label ?? q.kind}</td>
                    <td>{q.points}</td>
                    <td>
                      <div className="form-actions">
                        <button type="button" className="button button-secondary" onClick={() => setEditing(q)}>
                          Edit
                        </button>
                        <ActionButton
                          action={remove}
                          variant="danger"
                          onClick={async () => {
                            if (!window.confirm('Delete this question? If learners have seen it, it is archived instead.')) return;
                            await api.delete('/api/v1/courses/{id}/questions/{question_id}', { path: { id: courseId, question_id: q.id } });
                            changed();
                          }}
                        >
                          Delete
                        </ActionButton>
                      </div>
                    </td>
                  </tr>
                ))}
              </DataTable>
              {data.questions.length === 0 && <p>No questions yet.</p>}
            </>
          )}
        </LoadView>
        {editing === null && (
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setEditing('new')}>
              Add a question
            </button>
          </div>
        )}
      </Card>
      {editing !== null && (
        <QuestionForm
          key={editing === 'new' ? 'new' : editing.id}
          courseId={courseId}
          question={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            changed();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

function SettingsForm({
  courseId,
  settings,
  bank,
  onSaved,
}: {
  courseId: string;
  settings: QuizSettings;
  bank: Question[];
  onSaved: () => void;
}) {
  const [listed, setListed] = useState<string[]>(settings.question_ids);
  const [drawCount, setDrawCount] = useState(settings.draw_count?.toString() ?? '');
  const [shuffle, setShuffle] = useState(settings.shuffle_options);
  const [timeLimit, setTimeLimit] = useState(settings.time_limit_seconds ? String(settings.time_limit_seconds / 60) : '');
  const [attempts, setAttempts] = useState(settings.attempts_allowed?.toString() ?? '');
  const [passing, setPassing] = useState(String(settings.passing_percent));
  const [show, setShow] = useState<ShowAnswers>(settings.show_answers);
  const shuffleId = useId();
  return (
    <Card title={`Quiz settings: ${settings.title}`}>
      <Form
        label="Quiz settings"
        submitLabel="Save settings"
        busyLabel="Saving…"
        success="Saved."
        onSubmit={async () => {
          const minutes = numberOrNull(timeLimit);
          await api.put('/api/v1/courses/{id}/quizzes/{lesson_id}', {
            path: { id: courseId, lesson_id: settings.lesson_id },
            body: {
              question_ids: listed,
              draw_count: numberOrNull(drawCount),
              shuffle_options: shuffle,
              time_limit_seconds: minutes === null ? null : Math.round(minutes * 60),
              attempts_allowed: numberOrNull(attempts),
              passing_percent: numberOrNull(passing) ?? 70,
              show_answers: show,
            },
          });
          onSaved();
        }}
      >
        <fieldset className="field">
          <legend>Questions (none ticked: the whole bank, {settings.bank_size} questions)</legend>
          {bank
            .filter((q) => !q.archived)
            .map((q) => (
              <label key={q.id} className="choice">
                <input
                  type="checkbox"
                  checked={listed.includes(q.id)}
                  onChange={(event) => setListed(event.target.checked ? [...listed, q.id] : listed.filter((id) => id !== q.id))}
                />{' '}
                {q.prompt}
              </label>
            ))}
        </fieldset>
        <Field
          label="Draw at random"
          type="number"
          min={1}
          max={500}
          value={drawCount}
          onValueChange={setDrawCount}
          hint="How many questions each attempt draws; empty: all of them, in order."
        />
        <div className="field">
          <label className="choice" htmlFor={shuffleId}>
            <input id={shuffleId} type="checkbox" checked={shuffle} onChange={(event) => setShuffle(event.target.checked)} /> Shuffle the
            options of each question
          </label>
        </div>
        <Field label="Time limit (minutes)" type="number" min={1} max={1440} step="any" value={timeLimit} onValueChange={setTimeLimit} hint="Empty: no limit." />
        <Field label="Attempts allowed" type="number" min={1} max={100} value={attempts} onValueChange={setAttempts} hint="Empty: unlimited." />
        <Field label="Pass mark (%)" type="number" min={0} max={100} required value={passing} onValueChange={setPassing} />
        <SelectField label="Show the correct answers" value={show} onValueChange={(v) => setShow(v as ShowAnswers)} options={SHOW_ANSWERS} />
      </Form>
    </Card>
  );
}

interface OptionDraft {
  id: string;
  text: string;
  correct: boolean;
}

function initialOptions(question: Question | null): OptionDraft[] {
  if (question && question.options.length > 0) {
    const correct = Array.isArray(question.answer.correct) ? question.answer.correct : [];
    return question.options.map((o) => ({ id: o.id, text: o.text, correct: correct.includes(o.id) }));
  }
  return [
    { id: 'a', text: '', correct: true },
    { id: 'b', text: '', correct: false },
  ];
}

function nextOptionId(options: OptionDraft[]): string {
  for (let i = 0; i < 26; i++) {
    const id = String.fromCharCode(97 + i);
    if (!options.some((o) => o.id === id)) return id;
  }
  return `o${options.length + 1}`;
}

function QuestionForm({
  courseId,
  question,
  onDone,
  onCancel,
}: {
  courseId: string;
  question: Question | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [kind, setKind] = useState<QuestionKind>(question?.kind ?? 'single_choice');
  const [prompt, setPrompt] = useState(question?.prompt ?? '');
  const [options, setOptions] = useState<OptionDraft[]>(() => initialOptions(question));
  const [truth, setTruth] = useState(question?.kind === 'true_false' ? question.answer.correct === true : true);
  const [accepted, setAccepted] = useState((question?.answer.accepted ?? []).join('\n'));
  const [caseSensitive, setCaseSensitive] = useState(question?.answer.case_sensitive ?? false);
  const [value, setValue] = useState(question?.answer.value?.toString() ?? '');
  const [tolerance, setTolerance] = useState(question?.answer.tolerance?.toString() ?? '0');
  const [explanation, setExplanation] = useState(question?.explanation ?? '');
  const [points, setPoints] = useState(String(question?.points ?? 1));
  const [partial, setPartial] = useState(question?.partial_credit ?? false);
  const promptId = useId();
  const explanationId = useId();
  const acceptedId = useId();
  const choice = kind === 'single_choice' || kind === 'multiple_choice';

  const body = (): QuestionInput => {
    const base = { kind, prompt, explanation, points: Number(points) };
    if (choice) {
      return {
        ...base,
        options: options.map((o) => ({ id: o.id, text: o.text })),
        answer: { correct: options.filter((o) => o.correct).map((o) => o.id) },
        partial_credit: kind === 'multiple_choice' && partial,
      };
    }
    if (kind === 'true_false') return { ...base, options: [], answer: { correct: truth } };
    if (kind === 'short_text') {
      const list = accepted.split('\n').map((line) => line.trim()).filter(Boolean);
      return { ...base, options: [], answer: { accepted: list, case_sensitive: caseSensitive } };
    }
    return { ...base, options: [], answer: { value: Number(value), tolerance: Number(tolerance || '0') } };
  };

  return (
    <Card title={question ? 'Edit the question' : 'New question'}>
      <Form
        label={question ? 'Edit the question' : 'New question'}
        submitLabel={question ? 'Save the question' : 'Add the question'}
        busyLabel="Saving…"
        onSubmit={async () => {
          if (question) {
            await api.patch('/api/v1/courses/{id}/questions/{question_id}', {
              path: { id: courseId, question_id: question.id },
              body: body(),
            });
          } else {
            await api.post('/api/v1/courses/{id}/questions', { path: { id: courseId }, body: body() });
          }
          onDone();
        }}
      >
        <SelectField label="Kind" value={kind} onValueChange={(v) => setKind(v as QuestionKind)} options={KINDS} />
        <div className="field">
          <label htmlFor={promptId}>Question</label>
          <textarea id={promptId} required maxLength={5000} rows={3} value={prompt} onChange={(event) => setPrompt(event.target.value)} />
        </div>
        {choice && (
          <fieldset className="field">
            <legend>Options (tick the correct {kind === 'single_choice' ? 'one' : 'ones'})</legend>
            {options.map((o, index) => (
              <div key={o.id} className="option-row">
                <label className="choice">
                  <input
                    type={kind === 'single_choice' ? 'radio' : 'checkbox'}
                    name="correct-option"
                    checked={o.correct}
                    onChange={(event) =>
                      setOptions(
                        options.map((other) =>
                          other.id === o.id
                            ? { ...other, correct: kind === 'single_choice' ? true : event.target.checked }
                            : kind === 'single_choice'
                              ? { ...other, correct: false }
                              : other,
                        ),
                      )
                    }
                  />{' '}
                  Correct
                </label>
                <Field
                  label={`Option ${index + 1}`}
                  value={o.text}
                  required
                  onValueChange={(text) => setOptions(options.map((other) => (other.id === o.id ? { ...other, text } : other)))}
                />
                {options.length > 2 && (
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={`Remove option ${index + 1}`}
                    onClick={() => setOptions(options.filter((other) => other.id !== o.id))}
                  >
                    Remove
                  </button>
                )}
              </div>
            ))}
            {options.length < 20 && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setOptions([...options, { id: nextOptionId(options), text: '', correct: false }])}
              >
                Add an option
              </button>
            )}
            {kind === 'multiple_choice' && (
              <label className="choice">
                <input type="checkbox" checked={partial} onChange={(event) => setPartial(event.target.checked)} /> Partial credit (right
                picks minus wrong picks)
              </label>
            )}
          </fieldset>
        )}
        {kind === 'true_false' && (
          <fieldset className="field">
            <legend>The statement is</legend>
            {[true, false].map((v) => (
              <label key={String(v)} className="choice">
                <input type="radio" name="truth" checked={truth === v} onChange={() => setTruth(v)} /> {v ? 'True' : 'False'}
              </label>
            ))}
          </fieldset>
        )}
        {kind === 'short_text' && (
          <>
            <div className="field">
              <label htmlFor={acceptedId}>Accepted answers (one per line)</label>
              <textarea id={acceptedId} required rows={3} value={accepted} onChange={(event) => setAccepted(event.target.value)} />
            </div>
            <label className="choice">
              <input type="checkbox" checked={caseSensitive} onChange={(event) => setCaseSensitive(event.target.checked)} /> Case-sensitive
            </label>
          </>
        )}
        {kind === 'numeric' && (
          <>
            <Field label="Correct value" type="number" step="any" required value={value} onValueChange={setValue} />
            <Field label="Tolerance (±)" type="number" step="any" min={0} value={tolerance} onValueChange={setTolerance} />
          </>
        )}
        <Field label="Points" type="number" min={1} max={100} required value={points} onValueChange={setPoints} />
        <div className="field">
          <label htmlFor={explanationId}>Explanation (shown with the correct answer)</label>
          <textarea id={explanationId} maxLength={5000} rows={2} value={explanation} onChange={(event) => setExplanation(event.target.value)} />
        </div>
      </Form>
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Card>
  );
}
