// `/instructor/courses/:id/learners`: the course's learners with progress and best quiz scores,
// enrolling people by email or group with a due date, CSV import and the CSV export.
import { useState } from 'react';
import { api, buildUrl, importEnrolments, type EnrolmentImportReport, type ImportMode, type Schemas } from '../api/client.ts';
import { Pager, usePagedLoad } from '../admin/pager.tsx';
import { Link } from '../shell/Link.tsx';
import { DataTable, LoadView } from '../ui/data.tsx';
import { Card, ErrorAlert, Field, Form, RadioGroup, SelectField, useAction } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { formatDate, localInputToIso, STATUS_LABELS } from './format.ts';

type Group = Schemas['Group'];

type Status = Schemas['EnrolmentStatus'];

const STATUS_OPTIONS = [
  { value: '', label: 'Everyone' },
  { value: 'active', label: 'Active' },
  { value: 'completed', label: 'Completed' },
  { value: 'withdrawn', label: 'Withdrawn' },
];

const MODE_OPTIONS: readonly { value: ImportMode; label: string }[] = [
  { value: 'all_or_nothing', label: 'Import nothing if any row is wrong' },
  { value: 'valid_rows', label: 'Import the rows that are right' },
];

export function LearnersPage({ id }: { id: string }) {
  const [status, setStatus] = useState('');
  const { pages, state, reload } = usePagedLoad(`learners|${id}|${status}`, (page, signal) =>
    api.get('/api/v1/courses/{id}/learners', {
      signal,
      path: { id },
      query: { limit: 50, ...(status ? { status: status as Status } : {}), ...page },
    }),
  );
  const exportUrl = buildUrl('/api/v1/courses/{id}/learners.csv', { id }, status ? { status } : {});
  const withdraw = useAction();

  return (
    <div className="stack">
      <Card title="Learners">
        <div className="filters">
          <SelectField label="Status" name="status" value={status} onValueChange={setStatus} options={STATUS_OPTIONS} />
        </div>
        <p>
          <a href={exportUrl} download>
            Download as CSV
          </a>
        </p>
        <LoadView state={state} what="learners">
          {(data) => (
            <>
              <DataTable
                caption="Learners"
                columns={[
                  'Learner',
                  'Status',
                  'Progress',
                  'Due',
                  'Enrolled',
                  'Last active',
                  ...data.quizzes.map((quiz) => `Quiz: ${quiz.title}`),
                  'Actions',
                ]}
                testId="learners-table"
              >
                {data.learners.map((learner) => (
                  <tr key={learner.user_id}>
                    <td>
                      {learner.name} <span className="muted">{learner.email}</span>
                    </td>
                    <td>{STATUS_LABELS[learner.status] ?? learner.status}</td>
                    <td>
                      {learner.progress_percent}% ({learner.completed_lessons}/{learner.required_lessons})
                    </td>
                    <td className={learner.overdue ? 'badge-warn' : undefined}>{formatDate(learner.due_at)}</td>
                    <td>{formatDate(learner.enrolled_at)}</td>
                    <td>{formatDate(learner.last_activity_at)}</td>
                    {data.quizzes.map((quiz) => (
                      <td key={quiz.lesson_id}>{learner.quiz_scores[quiz.lesson_id] ?? '—'}</td>
                    ))}
                    <td>
                      {learner.status !== 'withdrawn' && (
                        <button
                          type="button"
                          className="button button-secondary"
                          disabled={withdraw.busy}
                          aria-label={`Withdraw ${learner.email}`}
                          onClick={() => {
                            if (!window.confirm(`Withdraw ${learner.email}? Their progress is kept.`)) return;
                            void withdraw.run(async () => {
                              await api.delete('/api/v1/courses/{id}/enrolments/{user_id}', {
                                path: { id, user_id: learner.user_id },
                              });
                              reload();
                            });
                          }}
                        >
                          Withdraw
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
              {data.learners.length === 0 && <p>No learners yet.</p>}
              <Pager pages={pages} nextCursor={data.next_cursor} />
            </>
          )}
        </LoadView>
        <ErrorAlert message={withdraw.error} />
      </Card>
      <EnrolForm courseId={id} onDone={reload} />
      <ImportForm courseId={id} onDone={reload} />
      <p>
        <Link to={`/instructor/courses/${encodeURIComponent(id)}`}>Back to the course</Link>
      </p>
    </div>
  );
}

/** Enrol by email addresses (through the import route, which resolves them) or groups. */
function EnrolForm({ courseId, onDone }: { courseId: string; onDone: () => void }) {
  const [emails, setEmails] = useState('');
  const [groups, setGroups] = useState<Group[]>([]);
  const [due, setDue] = useState('');
  const [result, setResult] = useState<string | null>(null);
  return (
    <Card title="Enrol learners">
      <Form
        label="Enrol learners"
        submitLabel="Enrol"
        busyLabel="Enrolling…"
        onSubmit={async () => {
          setResult(null);
          const dueAt = localInputToIso(due);
          const list = emails.split(/[\s,;]+/).filter(Boolean);
          const groupIds = groups.map((g) => g.id);
          const parts: string[] = [];
          if (list.length > 0) {
            const csv = ['email,due_at', ...list.map((email) => `${email},${dueAt ?? ''}`)].join('\n');
            const report = await importEnrolments(courseId, csv, { mode: 'valid_rows', dry_run: 'false' });
            parts.push(`${report.enrolled} enrolled, ${report.already_enrolled} already enrolled`);
            for (const error of report.errors) parts.push(error.message);
          }
          if (groupIds.length > 0) {
            const answer = await api.post('/api/v1/courses/{id}/enrolments', {
              path: { id: courseId },
              body: { group_ids: groupIds, due_at: dueAt },
            });
            parts.push(`groups: ${answer.enrolled} enrolled, ${answer.already_enrolled} already enrolled`);
            if (answer.unknown_group_ids.length > 0) parts.push(`unknown groups: ${answer.unknown_group_ids.join(', ')}`);
          }
          setResult(parts.join('; ') || 'Nothing to do: give email addresses or choose groups.');
          setGroups([]);
          onDone();
        }}
      >
        <div className="field">
          <label htmlFor="enrol-emails">Email addresses</label>
          <textarea id="enrol-emails" name="emails" rows={3} value={emails} onChange={(e) => setEmails(e.target.value)} />
          <p className="hint">Separated by spaces, commas or new lines.</p>
        </div>
        <GroupChooser chosen={groups} onChange={setGroups} />
        <Field label="Due date" name="due" type="datetime-local" value={due} onValueChange={setDue} hint="Optional" />
      </Form>
      {result && (
        <p className="form-success" role="status">
          {result}
        </p>
      )}
    </Card>
  );
}

function ImportForm({ courseId, onDone }: { courseId: string; onDone: () => void }) {
  const [csv, setCsv] = useState('');
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [report, setReport] = useState<EnrolmentImportReport | null>(null);
  const { busy, error, run } = useAction();
  return (
    <Card title="Import enrolments from CSV">
      <p>
        A CSV file with the header <code>email,due_at</code>; <code>due_at</code> is optional (for example{' '}
        <code>2026-05-01T17:00:00Z</code>).
      </p>
      <form
        className="form"
        aria-label="Import enrolments"
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            const dryRun = report === null || !report.dry_run || report.mode !== mode;
            const answer = await importEnrolments(courseId, csv, { mode, dry_run: dryRun ? 'true' : 'false' });
            setReport(answer);
            if (!dryRun) onDone();
          });
        }}
      >
        <div className="field">
          <label htmlFor="enrol-import-file">CSV file</label>
          <input
            id="enrol-import-file"
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(event) => {
              setReport(null);
              const file = event.target.files?.[0];
              if (file) void file.text().then(setCsv);
            }}
          />
        </div>
        <RadioGroup legend="When some rows are wrong" name="enrol-mode" value={mode} onValueChange={setMode} options={MODE_OPTIONS} />
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || csv === ''}>
            {busy ? 'Working…' : report?.dry_run && report.mode === mode ? 'Import now' : 'Check the file (dry run)'}
          </button>
        </div>
      </form>
      {report && (
        <div role="status">
          <p>
            {report.dry_run
              ? `${report.valid_rows} of ${report.total_rows} rows are fine; ${report.would_enrol ?? 0} would be enrolled.`
              : `${report.enrolled} enrolled, ${report.already_enrolled} already enrolled.`}
          </p>
          {report.errors.length > 0 && (
            <ul>
              {report.errors.map((e) => (
                <li key={`${e.line}-${e.message}`}>
                  Line {e.line}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}

/** Groups to enrol: typed to find (the group directory), chosen one by one, removable. */
function GroupChooser({ chosen, onChange }: { chosen: Group[]; onChange: (groups: Group[]) => void }) {
  const [query, setQuery] = useState('');
  const { state } = useLoad(
    (signal) => api.get('/api/v1/groups', { signal, query: { limit: 20, ...(query ? { q: query } : {}) } }),
    `group-directory|${query}`,
  );
  const offered = state.status === 'ready' ? state.data.groups.filter((g) => !chosen.some((c) => c.id === g.id)) : [];
  return (
    <fieldset className="field">
      <legend>Groups (optional)</legend>
      {chosen.length > 0 && (
        <ul className="members" data-testid="chosen-groups">
          {chosen.map((group) => (
            <li key={group.id}>
              {group.name} <span className="muted">({group.member_count} members)</span>{' '}
              <button type="button" className="button button-secondary" onClick={() => onChange(chosen.filter((g) => g.id !== group.id))}>
                Remove {group.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field label="Find a group" name="group-search" autoComplete="off" maxLength={200} value={query} onValueChange={setQuery} />
      <ul className="members" data-testid="group-directory">
        {offered.map((group) => (
          <li key={group.id}>
            <button type="button" className="button button-secondary" onClick={() => onChange([...chosen, group])}>
              Add {group.name}
            </button>{' '}
            <span className="muted">({group.member_count} members)</span>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
