// Learning paths: the public catalog and a path's page (enrol, progress, leave), the learner's
// skill profile, and the authoring pages (my paths, the editor with the ordered course list).
import { useState } from 'react';
import { api, isApiError, type Schemas } from '../api/client.ts';
import { Pager, usePagedLoad } from '../admin/pager.tsx';
import { useSession } from '../auth/session.tsx';
import { formatDate } from '../certificates/pages.tsx';
import { Link } from '../shell/Link.tsx';
import { navigate } from '../shell/navigation.ts';
import { DataTable, LoadView } from '../ui/data.tsx';
import { ActionButton, Card, ErrorAlert, Field, Form, FormCard, useAction } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { CoursePicker } from '../courses/picker.tsx';
import { setPathCourses, updatePath, type PathDetail } from './editing.ts';
import './paths.css';

type MyPath = Schemas['MyPath'];
type PathCourse = Schemas['PathCourse'];

/** `/paths`: published paths, newest first. */
export function PathsCatalogPage() {
  const { pages, state } = usePagedLoad('catalog-paths', (page, signal) =>
    api.get('/api/v1/catalog/paths', { signal, query: { limit: 24, ...page } }),
  );
  return (
    <div className="stack">
      <MyPathsCard />
      <Card title="Learning paths">
        <LoadView state={state} what="learning paths">
          {(data) => (
            <>
              {data.paths.length === 0 && <p>No learning paths are published yet.</p>}
              <ul className="card-list" data-testid="paths-catalog">
                {data.paths.map((path) => (
                  <li key={path.id}>
                    <h3>
                      <Link to={`/paths/${encodeURIComponent(path.slug)}`}>{path.title}</Link>
                    </h3>
                    {path.summary && <p>{path.summary}</p>}
                    <p className="hint">
                      {path.course_count} {path.course_count === 1 ? 'course' : 'courses'}
                    </p>
                  </li>
                ))}
              </ul>
              <Pager pages={pages} nextCursor={data.next_cursor} />
            </>
          )}
        </LoadView>
      </Card>
    </div>
  );
}

function Progress({ mine }: { mine: MyPath }) {
  return (
    <div className="path-progress">
      <label>
        {mine.completed_courses} of {mine.total_courses} courses complete
        <progress max={100} value={mine.percent}>
          {mine.percent}%
        </progress>
      </label>
      {mine.completed_at ? (
        <p role="status">
          Completed on {formatDate(mine.completed_at)}.
          {mine.certificate_code && (
            <>
              {' '}
              Your certificate: <Link to={`/verify/${encodeURIComponent(mine.certificate_code)}`}>{mine.certificate_code}</Link>
            </>
          )}
        </p>
      ) : (
        mine.next_course && (
          <p>
            Next: <Link to={`/courses/${encodeURIComponent(mine.next_course.slug)}`}>{mine.next_course.title}</Link>
          </p>
        )
      )}
    </div>
  );
}

/** The signed-in learner's paths (nothing for visitors). */
function MyPathsCard() {
  const { state: session } = useSession();
  if (session.status !== 'signed_in') return null;
  return <MyPathsList />;
}

function MyPathsList() {
  const { state } = useLoad((signal) => api.get('/api/v1/me/paths', { signal, query: { limit: 50 } }), 'my-paths');
  if (state.status !== 'ready' || state.data.paths.length === 0) return null;
  return (
    <Card title="My learning paths">
      <ul className="card-list" data-testid="my-paths">
        {state.data.paths.map((mine) => (
          <li key={mine.path.id}>
            <h3>
              <Link to={`/paths/${encodeURIComponent(mine.path.slug)}`}>{mine.path.title}</Link>
            </h3>
            <Progress mine={mine} />
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** `/paths/:slug`: the path, its courses in order, and enrolment. */
export function PathPage({ slug }: { slug: string }) {
  const { state } = useLoad((signal) => api.get('/api/v1/catalog/paths/{slug}', { signal, path: { slug } }), `path|${slug}`);
  return (
    <LoadView state={state} what="the learning path">
      {(path) => (
        <div className="stack">
          <Card title={path.title}>
            {path.summary && <p className="lead">{path.summary}</p>}
            {/* Rendered on the server from Markdown in cmark-gfm's safe mode. */}
            <div className="prose" dangerouslySetInnerHTML={{ __html: path.description_html }} />
            <Enrolment pathId={path.id} />
          </Card>
          <Card title="Courses, in order">
            <ol className="path-courses" data-testid="path-courses">
              {path.courses.map((course) => (
                <li key={course.id}>
                  <Link to={`/courses/${encodeURIComponent(course.slug)}`}>{course.title}</Link>
                  {course.summary && <p className="hint">{course.summary}</p>}
                </li>
              ))}
            </ol>
          </Card>
          <p>
            <Link to="/paths">All learning paths</Link>
          </p>
        </div>
      )}
    </LoadView>
  );
}

function Enrolment({ pathId }: { pathId: string }) {
  const { state: session } = useSession();
  if (session.status !== 'signed_in') {
    return (
      <p>
        <Link to={`/sign-in?return_to=${encodeURIComponent(window.location.pathname)}`}>Sign in</Link> to follow this path.
      </p>
    );
  }
  return <SignedInEnrolment pathId={pathId} />;
}

function SignedInEnrolment({ pathId }: { pathId: string }) {
  const { state, reload } = useLoad(
    (signal) => api.get('/api/v1/me/paths', { signal, query: { limit: 200 } }),
    `my-paths|${pathId}`,
  );
  const action = useAction();
  const [justEnrolled, setJustEnrolled] = useState<MyPath | null>(null);
  if (state.status === 'loading') return <p role="status">Loading your progress…</p>;
  if (state.status === 'error') return <ErrorAlert message={state.message} />;
  const mine = justEnrolled ?? state.data.paths.find((p) => p.path.id === pathId) ?? null;
  return (
    <div data-testid="path-enrolment">
      <ErrorAlert message={action.error} />
      {mine ? (
        <>
          <Progress mine={mine} />
          <ActionButton
            action={action}
            onClick={async () => {
              await api.delete('/api/v1/paths/{id}/enrolment', { path: { id: pathId } });
              setJustEnrolled(null);
              reload();
            }}
          >
            Leave this path
          </ActionButton>
        </>
      ) : (
        <button
          type="button"
          className="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(async () => {
              const enrolled = await api.post('/api/v1/paths/{id}/enrolment', { path: { id: pathId } });
              setJustEnrolled(enrolled);
              reload();
            })
          }
        >
          Enrol in this path
        </button>
      )}
    </div>
  );
}

/** `/learn/skills`: each skill at the highest level a completed course taught. */
export function MySkillsPage() {
  const { state } = useLoad((signal) => api.get('/api/v1/me/skills', { signal }), 'my-skills');
  return (
    <Card title="My skills">
      <LoadView state={state} what="your skills">
        {(data) =>
          data.skills.length === 0 ? (
            <p>Complete courses to build your skill profile.</p>
          ) : (
            <DataTable caption="My skills" columns={['Skill', 'Level', 'Courses', 'Last completed']} testId="skills-table">
              {data.skills.map((skill) => (
                <tr key={skill.id}>
                  <td>{skill.name}</td>
                  <td>
                    <meter min={0} max={5} value={skill.level} aria-label={`${skill.name}: level ${skill.level} of 5`}>
                      {skill.level} / 5
                    </meter>{' '}
                    {skill.level} / 5
                  </td>
                  <td>{skill.courses}</td>
                  <td>{formatDate(skill.last_completed_at)}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </LoadView>
    </Card>
  );
}

/** `/instructor/paths`: the paths I author (an admin: all), and a form to start one. */
export function InstructorPathsPage() {
  const { pages, state } = usePagedLoad('instructor-paths', (page, signal) =>
    api.get('/api/v1/paths', { signal, query: { limit: 25, ...page } }),
  );
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  return (
    <div className="stack">
      <Card title="My learning paths">
        <LoadView state={state} what="paths">
          {(data) => (
            <>
              <DataTable caption="My learning paths" columns={['Title', 'Status', 'Courses', 'Updated']} testId="instructor-paths">
                {data.paths.map((path) => (
                  <tr key={path.id}>
                    <td>
                      <Link to={`/instructor/paths/${encodeURIComponent(path.id)}`}>{path.title}</Link>
                    </td>
                    <td>{path.status}</td>
                    <td>{path.course_count}</td>
                    <td>{formatDate(path.updated_at)}</td>
                  </tr>
                ))}
              </DataTable>
              {data.paths.length === 0 && <p>No paths yet.</p>}
              <Pager pages={pages} nextCursor={data.next_cursor} />
            </>
          )}
        </LoadView>
      </Card>
      <FormCard
        title="Start a learning path"
        submitLabel="Create path"
        busyLabel="Creating…"
        onSubmit={async () => {
          const created = await api.post('/api/v1/paths', { body: slug ? { title, slug } : { title } });
          navigate(`/instructor/paths/${encodeURIComponent(created.id)}`);
        }}
      >
        <Field label="Title" name="title" autoComplete="off" required maxLength={200} value={title} onValueChange={setTitle} />
        <Field
          label="Slug (optional)"
          name="slug"
          autoComplete="off"
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          maxLength={100}
          hint="Lower-case letters, digits and dashes; made from the title when left empty."
          value={slug}
          onValueChange={setSlug}
        />
      </FormCard>
    </div>
  );
}

/** `/instructor/paths/:id`: details, the ordered course list, publish and archive. */
export function PathEditorPage({ id }: { id: string }) {
  const { state } = useLoad((signal) => api.get('/api/v1/paths/{id}', { signal, path: { id } }), `path-editor|${id}`);
  return (
    <LoadView state={state} what="the path">
      {(path) => <PathEditor key={path.id} initial={path} />}
    </LoadView>
  );
}

function PathEditor({ initial }: { initial: PathDetail }) {
  // The latest version the server returned: every edit sends it as If-Match.
  const [path, setPath] = useState(initial);
  const [title, setTitle] = useState(initial.title);
  const [slug, setSlug] = useState(initial.slug);
  const [summary, setSummary] = useState(initial.summary);
  const [description, setDescription] = useState(initial.description_md);
  const status = useAction();
  const stale = (err: unknown) => isApiError(err) && err.code === 'precondition_failed';

  return (
    <div className="stack">
      <Card title={`Path: ${path.title}`}>
        <p>
          Status: <strong data-testid="path-status">{path.status}</strong>
          {path.status === 'published' && (
            <>
              {' '}
              · <Link to={`/paths/${encodeURIComponent(path.slug)}`}>View in the catalog</Link>
            </>
          )}
        </p>
        <ErrorAlert message={status.error} />
        <div className="form-actions">
          {path.status !== 'published' && (
            <ActionButton
              action={status}
              variant="secondary"
              onClick={async () => setPath(await api.post('/api/v1/paths/{id}/publish', { path: { id: path.id } }))}
            >
              Publish
            </ActionButton>
          )}
          {path.status !== 'archived' && (
            <ActionButton
              action={status}
              variant="danger"
              onClick={async () => setPath(await api.post('/api/v1/paths/{id}/archive', { path: { id: path.id } }))}
            >
              Archive
            </ActionButton>
          )}
        </div>
        <Form
          label="Path details"
          submitLabel="Save details"
          busyLabel="Saving…"
          success="Saved."
          onSubmit={async () => {
            try {
              setPath(await updatePath(path, { title, slug, summary, description_md: description }));
            } catch (err) {
              if (stale(err)) throw new Error('Someone else changed this path meanwhile: reload the page to see their changes.');
              throw err;
            }
          }}
        >
          <Field label="Title" name="title" autoComplete="off" required maxLength={200} value={title} onValueChange={setTitle} />
          <Field label="Slug" name="slug" autoComplete="off" required maxLength={100} value={slug} onValueChange={setSlug} />
          <Field label="Summary" name="summary" autoComplete="off" maxLength={500} value={summary} onValueChange={setSummary} />
          <div className="field">
            <label htmlFor="path-description">Description (Markdown)</label>
            <textarea id="path-description" name="description_md" rows={8} value={description} onChange={(event) => setDescription(event.target.value)} />
          </div>
        </Form>
      </Card>
      <CourseList path={path} onSaved={setPath} />
      <p>
        <Link to="/instructor/paths">Back to my paths</Link>
      </p>
    </div>
  );
}

function CourseList({ path, onSaved }: { path: PathDetail; onSaved: (path: PathDetail) => void }) {
  const action = useAction();
  const save = (courses: readonly string[]) =>
    action.run(async () => {
      try {
        onSaved(await setPathCourses(path, [...courses]));
      } catch (err) {
        if (isApiError(err) && err.code === 'precondition_failed') {
          throw new Error('Someone else changed this path meanwhile: reload the page to see their changes.');
        }
        throw err;
      }
    });
  const ids = path.courses.map((course: PathCourse) => course.id);
  const move = (from: number, to: number) => {
    const next = [...ids];
    const [moved] = next.splice(from, 1);
    if (moved === undefined) return;
    next.splice(to, 0, moved);
    void save(next);
  };
  return (
    <Card title="Courses, in order">
      <ErrorAlert message={action.error} />
      {path.courses.length === 0 && <p>No courses yet. A path needs at least one published course to be published.</p>}
      <ol className="path-courses" data-testid="editor-courses">
        {path.courses.map((course, index) => (
          <li key={course.id}>
            <span>
              {course.title} <span className="hint">({course.status})</span>
            </span>{' '}
            <button
              type="button"
              className="button button-secondary"
              disabled={action.busy || index === 0}
              aria-label={`Move ${course.title} up`}
              onClick={() => move(index, index - 1)}
            >
              Up
            </button>{' '}
            <button
              type="button"
              className="button button-secondary"
              disabled={action.busy || index === path.courses.length - 1}
              aria-label={`Move ${course.title} down`}
              onClick={() => move(index, index + 1)}
            >
              Down
            </button>{' '}
            <button
              type="button"
              className="button button-danger"
              disabled={action.busy}
              aria-label={`Remove ${course.title}`}
              onClick={() => void save(ids.filter((id) => id !== course.id))}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <CoursePicker label="Add a course" verb="Add" chosen={ids} onPick={async (course) => {
          await save([...ids, course.id]);
        }}
      />
    </Card>
  );
}
