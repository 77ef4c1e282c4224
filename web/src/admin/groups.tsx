// Admin: groups (list, create, rename, delete) and their members (list, add, remove).
import { useState } from 'react';
import { api, type Group, type User } from '../api/client.ts';
import { Link } from '../shell/Link.tsx';
import { navigate } from '../shell/navigation.ts';
import { DataTable, LoadView } from '../ui/data.tsx';
import { Card, ErrorAlert, Field, Form, FormCard, SearchForm, useAction } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { Pager, usePagedLoad } from './pager.tsx';
import { useUserSearch } from './users.tsx';

type UserSummary = Pick<User, 'id' | 'name' | 'email'>;

export function GroupsPage() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const { pages, state, reload } = usePagedLoad(q, (page, signal) =>
    api.get('/api/v1/admin/groups', { signal, query: { q, limit: 25, ...page } }),
  );
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  return (
    <div className="stack">
      <Card title="Groups">
        <SearchForm label="Find groups" onSearch={() => setQ(draft)}>
          <Field label="Search" type="search" name="q" value={draft} onValueChange={setDraft} />
        </SearchForm>
        <LoadView state={state} what="groups">
          {(data) => (
            <>
              <DataTable caption="Groups" columns={['Name', 'Description', 'Members']} testId="groups-table">
                {data.groups.map((group) => (
                  <tr key={group.id}>
                    <td>
                      <Link to={`/admin/groups/${encodeURIComponent(group.id)}`}>{group.name}</Link>
                    </td>
                    <td>{group.description}</td>
                    <td>{group.member_count}</td>
                  </tr>
                ))}
              </DataTable>
              {data.groups.length === 0 && <p>No groups yet.</p>}
              <Pager pages={pages} nextCursor={data.next_cursor} />
            </>
          )}
        </LoadView>
      </Card>
      <FormCard
        title="Create a group"
        submitLabel="Create group"
        busyLabel="Creating…"
        onSubmit={async () => {
          await api.post('/api/v1/admin/groups', { body: { name, description } });
          setName('');
          setDescription('');
          reload();
        }}
      >
        <Field label="Name" name="name" autoComplete="off" required value={name} onValueChange={setName} />
        <Field label="Description" name="description" autoComplete="off" value={description} onValueChange={setDescription} />
      </FormCard>
    </div>
  );
}

export function GroupPage({ id }: { id: string }) {
  const { state, reload } = useLoad((signal) => api.get('/api/v1/admin/groups/{id}', { signal, path: { id } }), `group|${id}`);
  if (state.status === 'loading') return <p role="status">Loading group…</p>;
  if (state.status === 'error') {
    return (
      <Card title="Group">
        <ErrorAlert message={state.message} />
        <p>
          <Link to="/admin/groups">Back to groups</Link>
        </p>
      </Card>
    );
  }
  return <GroupDetail key={state.data.id} group={state.data} onChanged={reload} />;
}

function GroupDetail({ group, onChanged }: { group: Group; onChanged: () => void }) {
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const remove = useAction();
  return (
    <div className="stack">
      <Card title={`Group: ${group.name}`}>
        <Form
          label="Rename the group"
          submitLabel="Save"
          busyLabel="Saving…"
          success="Saved."
          onSubmit={async () => {
            await api.patch('/api/v1/admin/groups/{id}', { path: { id: group.id }, body: { name, description } });
            onChanged();
          }}
        >
          <Field label="Name" name="name" autoComplete="off" required value={name} onValueChange={setName} />
          <Field label="Description" name="description" autoComplete="off" value={description} onValueChange={setDescription} />
        </Form>
        <ErrorAlert message={remove.error} />
        <div className="form-actions">
          <button
            type="button"
            className="button button-danger"
            disabled={remove.busy}
            onClick={() => {
              if (!window.confirm(`Delete the group ${group.name}? Its members keep their accounts.`)) return;
              void remove.run(async () => {
                await api.delete('/api/v1/admin/groups/{id}', { path: { id: group.id } });
                navigate('/admin/groups');
              });
            }}
          >
            Delete group
          </button>
        </div>
      </Card>
      <Members group={group} onChanged={onChanged} />
      <p>
        <Link to="/admin/groups">Back to groups</Link>
      </p>
    </div>
  );
}

function Members({ group, onChanged }: { group: Group; onChanged: () => void }) {
  const { pages, state, reload } = usePagedLoad(`members|${group.id}`, (page, signal) =>
    api.get('/api/v1/admin/groups/{id}/members', { signal, path: { id: group.id }, query: { limit: 25, ...page } }),
  );
  const action = useAction();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const { state: found } = useUserSearch(q);
  /** Runs a membership change for one user, then shows the new members and count. */
  const change = (call: (user: UserSummary) => Promise<unknown>) => (user: UserSummary) =>
    void action.run(async () => {
      await call(user);
      reload();
      onChanged();
    });

  return (
    <Card title="Members">
      <LoadView state={state} what="members">
        {(data) => (
          <>
            <UserList
              users={data.members}
              action="Remove"
              disabled={action.busy}
              onAction={change((user) =>
                api.delete('/api/v1/admin/groups/{id}/members/{user_id}', { path: { id: group.id, user_id: user.id } }),
              )}
            />
            {data.members.length === 0 && <p>No members yet.</p>}
            <Pager pages={pages} nextCursor={data.next_cursor} />
          </>
        )}
      </LoadView>
      <h3>Add members</h3>
      <SearchForm label="Find users to add" submitLabel="Find" secondary onSearch={() => setQ(search)}>
        <Field label="Find users" type="search" name="user-search" value={search} onValueChange={setSearch} hint="Part of a name or email address" />
      </SearchForm>
      {found.status === 'ready' && (
        <UserList
          users={found.data}
          action="Add"
          disabled={action.busy}
          onAction={change((user) =>
            api.post('/api/v1/admin/groups/{id}/members', { path: { id: group.id }, body: { user_ids: [user.id] } }),
          )}
        />
      )}
      {found.status === 'error' && <ErrorAlert message={found.message} />}
      <ErrorAlert message={action.error} />
    </Card>
  );
}

/** Users, each with one action button (named with the user's address for screen readers). */
function UserList({
  users,
  action,
  disabled,
  onAction,
}: {
  users: readonly UserSummary[];
  action: string;
  disabled: boolean;
  onAction: (user: UserSummary) => void;
}) {
  return (
    <ul className="members">
      {users.map((user) => (
        <li key={user.id}>
          {user.name} <span className="muted">{user.email}</span>{' '}
          <button type="button" className="button button-secondary" disabled={disabled} onClick={() => onAction(user)}>
            {action}
            <span className="visually-hidden"> {user.email}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
