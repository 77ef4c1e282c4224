// Admin: the audit trail, newest first, with filters and cursor pages.
import { useState } from 'react';
import { api } from '../api/client.ts';
import { Card, Field, formatTime } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { Pager, useCursorPages } from './pager.tsx';

interface AuditFilters {
  event: string;
  email: string;
  from: string;
  to: string;
}

/** `<input type="datetime-local">` gives local time without a zone; the API wants an instant. */
function toInstant(local: string): string {
  if (!local) return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

export function AuditPage() {
  const empty: AuditFilters = { event: '', email: '', from: '', to: '' };
  const [draft, setDraft] = useState<AuditFilters>(empty);
  const [filters, setFilters] = useState<AuditFilters>(empty);
  const pages = useCursorPages(JSON.stringify(filters));
  const { state } = useLoad(
    (signal) =>
      api.get('/api/v1/admin/audit', {
        signal,
        query: {
          event: filters.event,
          email: filters.email,
          from: toInstant(filters.from),
          to: toInstant(filters.to),
          limit: 50,
          ...(pages.cursor ? { cursor: pages.cursor } : {}),
        },
      }),
    `${JSON.stringify(filters)}|${pages.cursor}`,
  );

  return (
    <Card title="Audit log">
      <form
        className="filters"
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <Field label="Event" name="event" value={draft.event} onValueChange={(event) => setDraft({ ...draft, event })} hint="e.g. sign_in.failed" />
        <Field label="User email" type="email" name="email" autoComplete="off" value={draft.email} onValueChange={(email) => setDraft({ ...draft, email })} />
        <Field label="From" type="datetime-local" name="from" value={draft.from} onValueChange={(from) => setDraft({ ...draft, from })} />
        <Field label="To" type="datetime-local" name="to" value={draft.to} onValueChange={(to) => setDraft({ ...draft, to })} />
        <div className="form-actions">
          <button type="submit" className="button">
            Filter
          </button>
        </div>
      </form>
      {state.status === 'loading' && <p role="status">Loading events…</p>}
      {state.status === 'error' && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="audit-table">
              <caption className="visually-hidden">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">User</th>
                  <th scope="col">Address</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {state.data.events.map((event) => (
                  <tr key={event.id}>
                    <td>{formatTime(event.occurred_at)}</td>
                    <td>
                      <code>{event.event}</code>
                    </td>
                    <td>{event.user_email ?? event.user_id ?? '—'}</td>
                    <td>{event.client_address ?? '—'}</td>
                    <td>
                      <code className="detail">{Object.keys(event.detail).length ? JSON.stringify(event.detail) : ''}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {state.data.events.length === 0 && <p>No events match.</p>}
          <Pager pages={pages} nextCursor={state.data.next_cursor} />
        </>
      )}
    </Card>
  );
}
