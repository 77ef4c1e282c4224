// Admin: groups (list, create, rename, delete) and their members (list, add, remove).
import { useState } from 'react';
import { api, type Group } from '../api/client.ts';
import { Link } from '../shell/Link.tsx';
import { navigate } from '../shell/navigation.ts';
import { Card, Field, Form, useAction } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { Pager, useCursorPages } from './pager.tsx';
import { useUserSearch } from './users.tsx';

export function GroupsPage() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const pages = useCursorPages(q);
  const { state, reload } = useLoad(
    (signal) => api.get('/api/v1/admin/groups', { signal, query: { q, limit: 25, ...(pages.cursor ? { cursor: pages.cursor } : {}) } }),
    `${q}|${pages.cursor}`,
  );
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  return (
    <div className="stack">
      <Card title="Groups">
        <form
          className="filters"
          role="search"
          aria-label="Find groups"
          onSubmit={(event) => {
            event.preventDefault();
            setQ(draft);
          }}
        >
          <Field label="Search" type="search" name="q" value={draft} onValueChange={setDraft} />
          <div className="form-actions">
            <button type="submit" className="button">
              Search
            </button>
          </div>
        </form>
        {state.status === 'loading' && <p role="status">Loading groups…</p>}
        {state.status === 'error' && (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        )}
        {state.status === 'ready' && (
          <>
            <table className="table" data-testid="groups-table">
              <caption className="visually-hidden">Groups</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Description</th>
                  <th scope="col">Members</th>
                </tr>
              </thead>
              <tbody>
                {state.data.groups.map((group) => (
                  <tr key={group.id}>
                    <td>
                      <Link to={`/admin/groups/${encodeURIComponent(group.id)}`}>{group.name}</Link>
                    </td>
                    <td>{group.description}</td>
                    <td>{group.member_count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {state.data.groups.length === 0 && <p>No groups yet.</p>}
            <Pager pages={pages} nextCursor={state.data.next_cursor} />
          </>
        )}
      </Card>
      <Card title="Create a group">
        <Form
          label="Create a group"
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
        </Form>
      </Card>
    </div>
  );
}

export function GroupPage({ id }: { id: string }) {
  const { state, reload } = useLoad((signal) => api.get('/api/v1/admin/groups/{id}', { signal, path: { id } }), `group|${id}`);
  if (state.status === 'loading') return <p role="status">Loading group…</p>;
  if (state.status === 'error') {
    return (
      <Card title="Group">
        <p className="form-error" role="alert">
          {state.message}
        </p>
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
        {remove.error && (
          <p className="form-error" role="alert">
            {remove.error}
          </p>
        )}
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
  const pages = useCursorPages(group.id);
  const { state, reload } = useLoad(
    (signal) =>
      api.get('/api/v1/admin/groups/{id}/members', {
        signal,
        path: { id: group.id },
        query: { limit: 25, ...(pages.cursor ? { cursor: pages.cursor } : {}) },
      }),
    `members|${group.id}|${pages.cursor}`,
  );
  const action = useAction();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const { state: found } = useUserSearch(q);
  const changed = () => {
    reload();
    onChanged();
  };

  return (
    <Card title="Members">
      {state.status === 'loading' && <p role="status">Loading members…</p>}
      {state.status === 'error' && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <ul className="members">
            {state.data.members.map((user) => (
              <li key={user.id}>
                {user.name} <span className="muted">{user.email}</span>{' '}
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={action.busy}
                  onClick={() =>
                    void action.run(async () => {
                      await api.delete('/api/v1/admin/groups/{id}/members/{user_id}', { path: { id: group.id, user_id: user.id } });
                      changed();
                    })
                  }
                >
                  Remove<span className="visually-hidden"> {user.email}</span>
                </button>
              </li>
            ))}
          </ul>
          {state.data.members.length === 0 && <p>No members yet.</p>}
          <Pager pages={pages} nextCursor={state.data.next_cursor} />
        </>
      )}
      <h3>Add members</h3>
      <form
        className="filters"
        role="search"
        aria-label="Find users to add"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(search);
        }}
      >
        <Field label="Find users" type="search" name="user-search" value={search} onValueChange={setSearch} hint="Part of a name or email address" />
        <div className="form-actions">
          <button type="submit" className="button button-secondary">
            Find
          </button>
        </div>
      </form>
      {found.status === 'ready' && (
        <ul className="members">
          {found.data.map((user) => (
            <li key={user.id}>
              {user.name} <span className="muted">{user.email}</span>{' '}
              <button
                type="button"
                className="button button-secondary"
                disabled={action.busy}
                onClick={() =>
                  void action.run(async () => {
                    await api.post('/api/v1/admin/groups/{id}/members', { path: { id: group.id }, body: { user_ids: [user.id] } });
                    changed();
                  })
                }
              >
                Add<span className="visually-hidden"> {user.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {found.status === 'error' && (
        <p className="form-error" role="alert">
          {found.message}
        </p>
      )}
      {action.error && (
        <p className="form-error" role="alert">
          {action.error}
        </p>
      )}
    </Card>
  );
}
