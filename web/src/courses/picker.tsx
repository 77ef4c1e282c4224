// Finding a published course by typing its name, to add it somewhere (a prerequisite, a learning
// path): the catalog's own search, so what an author can pick is what learners can take.
import { useState } from 'react';
import { api } from '../api/client.ts';
import { ActionButton, ErrorAlert, Field, Form, useAction } from '../ui/forms.tsx';
import type { CatalogCourse } from './types.ts';

export function CoursePicker({
  label,
  verb,
  chosen,
  onPick,
}: {
  /** The search form's name, e.g. "Find a course to require". */
  label: string;
  /** The button's word before each title, e.g. "Require". */
  verb: string;
  /** Ids already chosen (and the course being edited): shown, but not offered again. */
  chosen: readonly string[];
  onPick: (course: CatalogCourse) => Promise<void>;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CatalogCourse[] | null>(null);
  const action = useAction();
  return (
    <>
      <Form
        label={label}
        submitLabel="Search"
        busyLabel="Searching…"
        onSubmit={async () => {
          const page = await api.get('/api/v1/catalog', { query: { q: query, limit: 10 } });
          setFound(page.courses);
        }}
      >
        <Field label="Published course" name="course" autoComplete="off" required maxLength={200} value={query} onValueChange={setQuery} />
      </Form>
      <ErrorAlert message={action.error} />
      {found && (
        <ul className="members" data-testid="course-picker-results">
          {found.length === 0 && <li>No published course matches.</li>}
          {found.map((course) => (
            <li key={course.id}>
              {course.title}{' '}
              {chosen.includes(course.id) ? (
                <span className="muted">already there</span>
              ) : (
                <ActionButton action={action} onClick={() => onPick(course)}>
                  {`${verb} ${course.title}`}
                </ActionButton>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
