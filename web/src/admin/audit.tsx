// Admin: the audit trail, newest first, with filters and cursor pages.
import { useState } from 'react';
import { api } from '../api/client.ts';
import { DataTable, LoadView } from '../ui/data.tsx';
import { Card, Field, SearchForm, formatTime } from '../ui/forms.tsx';
import { Pager, usePagedLoad } from './pager.tsx';

const AUDIT_COLUMNS = ['When', 'Event', 'User', 'Address', 'Detail'];

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
  const { pages, state } = usePagedLoad(JSON.stringify(filters), (page, signal) =>
    api.get('/api/v1/admin/audit', {
      signal,
      query: {
        event: filters.event,
        email: filters.email,
        from: toInstant(filters.from),
        to: toInstant(filters.to),
        limit: 50,
        ...page,
      },
    }),
  );

  return (
    <Card title="Audit log">
      <SearchForm label="Filter the audit log" submitLabel="Filter" onSearch={() => setFilters(draft)}>
        <Field label="Event" name="event" value={draft.event} onValueChange={(event) => setDraft({ ...draft, event })} hint="e.g. sign_in.failed" />
        <Field label="User email" type="email" name="email" autoComplete="off" value={draft.email} onValueChange={(email) => setDraft({ ...draft, email })} />
        <Field label="From" type="datetime-local" name="from" value={draft.from} onValueChange={(from) => setDraft({ ...draft, from })} />
        <Field label="To" type="datetime-local" name="to" value={draft.to} onValueChange={(to) => setDraft({ ...draft, to })} />
      </SearchForm>
      <LoadView state={state} what="events">
        {(data) => (
          <>
            <DataTable caption="Audit events, newest first" columns={AUDIT_COLUMNS} testId="audit-table">
              {data.events.map((event) => (
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
            </DataTable>
            {data.events.length === 0 && <p>No events match.</p>}
            <Pager pages={pages} nextCursor={data.next_cursor} />
          </>
        )}
      </LoadView>
    </Card>
  );
}
