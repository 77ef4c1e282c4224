// Admin: find users (search, filters, cursor pages), invite, change role, disable or enable,
// end sessions, and import from CSV with a dry run first.
import { useState } from 'react';
import { api, importUsers, type ImportMode, type ImportReport, type Role, type User, type UserStatus } from '../api/client.ts';
import { Link } from '../shell/Link.tsx';
import { DataTable, LoadView } from '../ui/data.tsx';
import {
  ActionButton,
  Card,
  EmailField,
  ErrorAlert,
  Field,
  FormCard,
  Options,
  RadioGroup,
  SearchForm,
  SelectField,
  formatTime,
  useAction,
} from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { Pager, usePagedLoad } from './pager.tsx';

export const ROLE_OPTIONS = [
  { value: 'learner', label: 'Learner' },
  { value: 'instructor', label: 'Instructor' },
  { value: 'admin', label: 'Admin' },
] as const;

const STATUS_FILTER = [
  { value: '', label: 'Any status' },
  { value: 'active', label: 'Active' },
  { value: 'invited', label: 'Invited' },
  { value: 'disabled', label: 'Disabled' },
] as const;

const USER_COLUMNS = ['Name', 'Email', 'Role', 'Status', 'Last sign-in', 'Actions'];

interface UserFilters {
  q: string;
  role: '' | Role;
  status: '' | UserStatus;
}

export function UsersPage() {
  const [draft, setDraft] = useState<UserFilters>({ q: '', role: '', status: '' });
  const [filters, setFilters] = useState<UserFilters>(draft);
  const { pages, state, reload } = usePagedLoad(JSON.stringify(filters), (page, signal) =>
    api.get('/api/v1/admin/users', {
      signal,
      query: {
        q: filters.q,
        ...(filters.role ? { role: filters.role } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        limit: 25,
        ...page,
      },
    }),
  );

  return (
    <div className="stack">
      <Card title="Users">
        <SearchForm label="Filter users" onSearch={() => setFilters(draft)}>
          <Field label="Search" type="search" name="q" value={draft.q} onValueChange={(q) => setDraft({ ...draft, q })} hint="Part of a name or email address" />
          <SelectField
            label="Role"
            value={draft.role}
            onValueChange={(role) => setDraft({ ...draft, role: role as UserFilters['role'] })}
            options={[{ value: '', label: 'Any role' }, ...ROLE_OPTIONS]}
          />
          <SelectField
            label="Status"
            value={draft.status}
            onValueChange={(status) => setDraft({ ...draft, status: status as UserFilters['status'] })}
            options={STATUS_FILTER}
          />
        </SearchForm>
        <LoadView state={state} what="users">
          {(data) => (
            <>
              <DataTable caption="Users" columns={USER_COLUMNS} testId="users-table">
                {data.users.map((user) => (
                  <UserRow key={user.id} user={user} onChanged={reload} />
                ))}
              </DataTable>
              {data.users.length === 0 && <p>No users match.</p>}
              <Pager pages={pages} nextCursor={data.next_cursor} />
            </>
          )}
        </LoadView>
      </Card>
      <InviteUser onInvited={reload} />
      <p>
        <Link to="/admin/users/import">Import users from a CSV file</Link>
      </p>
    </div>
  );
}

function UserRow({ user, onChanged }: { user: User; onChanged: () => void }) {
  const action = useAction();
  const { busy, error, run } = action;
  const [ended, setEnded] = useState(false);
  const isDisabled = user.status === 'disabled';
  const update = (change: { role?: Role; status?: 'active' | 'disabled' }) =>
    void run(async () => {
      await api.patch('/api/v1/admin/users/{id}', { path: { id: user.id }, body: change });
      onChanged();
    });
  return (
    <tr>
      <td>{user.name}</td>
      <td>
        {user.email}
        {!user.email_verified && <span className="badge badge-warn">unverified</span>}
        {user.mfa_enabled && <span className="badge">2FA</span>}
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          Role of {user.email}
        </label>
        <select id={`role-${user.id}`} value={user.role} disabled={busy} onChange={(event) => update({ role: event.target.value as Role })}>
          <Options options={ROLE_OPTIONS} />
        </select>
      </td>
      <td>{user.status}</td>
      <td>{formatTime(user.last_sign_in_at)}</td>
      <td className="actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={() => update({ status: isDisabled ? 'active' : 'disabled' })}
        >
          {isDisabled ? 'Enable' : 'Disable'}
          <span className="visually-hidden"> {user.email}</span>
        </button>
        <ActionButton
          action={action}
          onClick={async () => {
            await api.delete('/api/v1/admin/users/{id}/sessions', { path: { id: user.id } });
            setEnded(true);
          }}
        >
          End sessions<span className="visually-hidden"> of {user.email}</span>
        </ActionButton>
        {ended && <span role="status">Sessions ended.</span>}
        {error && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}

function InviteUser({ onInvited }: { onInvited: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('learner');
  const [invited, setInvited] = useState('');
  return (
    <FormCard
      title="Invite a user"
      submitLabel="Send invitation"
      busyLabel="Inviting…"
      success={`Invitation sent to ${invited}. The link works for 7 days.`}
      onSubmit={async () => {
        const user = await api.post('/api/v1/admin/users', { body: { email, name, role } });
        setInvited(user.email);
        setEmail('');
        setName('');
        onInvited();
      }}
    >
      <Field label="Name" name="name" autoComplete="off" required value={name} onValueChange={setName} />
      <EmailField autoComplete="off" value={email} onValueChange={setEmail} />
      <SelectField label="Role" value={role} onValueChange={(value) => setRole(value as Role)} options={ROLE_OPTIONS} />
    </FormCard>
  );
}

const MODE_OPTIONS = [
  { value: 'all_or_nothing', label: 'All or nothing: import nothing if any row is wrong' },
  { value: 'valid_rows', label: 'Valid rows: import the good rows, skip the wrong ones' },
] as const;

function ReportView({ report }: { report: ImportReport }) {
  const mode = MODE_OPTIONS.find((option) => option.value === report.mode)?.label ?? report.mode;
  return (
    <div className="report" data-testid="import-report" role="status">
      <h3>{report.dry_run ? 'Dry run: nothing was imported yet' : 'Import finished'}</h3>
      <p>
        Mode: <strong>{mode}</strong>. {report.total_rows} rows read;{' '}
        {report.dry_run ? `${report.would_import ?? 0} would be imported` : `${report.imported} imported`}; {report.errors.length}{' '}
        {report.errors.length === 1 ? 'error' : 'errors'}.
      </p>
      {report.errors.length > 0 && (
        <DataTable caption="Rows with errors" showCaption columns={['Line', 'Problem']}>
          {report.errors.map((problem) => (
            <tr key={`${problem.line}-${problem.message}`}>
              <td>{problem.line}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

export function ImportUsersPage() {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState('');
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [dryRun, setDryRun] = useState<ImportReport | null>(null);
  const [final, setFinal] = useState<ImportReport | null>(null);
  const { busy, error, run } = useAction();

  const checked = dryRun !== null && dryRun.mode === mode;
  return (
    <div className="stack">
      <Card title="Import users">
        <p>
          A CSV file with the header <code>email,name,role,groups</code>; roles are learner, instructor or admin;
          several groups (by name) are separated by <code>;</code>. Each new user gets an invitation email.
        </p>
        <form
          className="form"
          aria-label="Import users"
          aria-busy={busy}
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              if (!checked) {
                setFinal(null);
                setDryRun(await importUsers(csv, { mode, dry_run: 'true' }));
              } else {
                setFinal(await importUsers(csv, { mode, dry_run: 'false' }));
                setDryRun(null);
              }
            });
          }}
        >
          <div className="field">
            <label htmlFor="import-file">CSV file</label>
            <input
              id="import-file"
              type="file"
              accept=".csv,text/csv"
              required
              onChange={(event) => {
                const file = event.target.files?.[0];
                setDryRun(null);
                setFinal(null);
                if (!file) return;
                setFileName(file.name);
                void file.text().then(setCsv);
              }}
            />
          </div>
          <RadioGroup legend="When some rows are wrong" name="mode" value={mode} onValueChange={setMode} options={MODE_OPTIONS} />
          <ErrorAlert message={error} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy || csv === ''}>
              {busy ? 'Working…' : checked ? `Import ${fileName} now` : 'Check the file (dry run)'}
            </button>
            {checked && (
              <button type="button" className="button button-secondary" onClick={() => setDryRun(null)}>
                Cancel
              </button>
            )}
          </div>
        </form>
        {dryRun && <ReportView report={dryRun} />}
        {final && <ReportView report={final} />}
      </Card>
      <p>
        <Link to="/admin/users">Back to users</Link>
      </p>
    </div>
  );
}

/** Finds users by search text, for adding them to a group. */
export function useUserSearch(q: string) {
  return useLoad(
    async (signal) => (q.trim() ? (await api.get('/api/v1/admin/users', { signal, query: { q, limit: 10 } })).users : []),
    `user-search|${q}`,
  );
}
