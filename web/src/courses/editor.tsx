// Instructors: their courses (list, create) and the course editor — details, publishing with the
// list of what is missing, the outline (sections and lessons, reordered by drag and drop or by the
// move buttons), lesson content (a lesson's video or file: media/lesson_media.tsx), skills and
// prerequisites (requirements.tsx) and owners.
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { api, ApiError, apiWithEtag, errorMessage, type RequestBody } from '../api/client.ts';
import { Pager, usePagedLoad } from '../admin/pager.tsx';
import { LessonMediaEditor } from '../media/lesson_media.tsx';
import { Link } from '../shell/Link.tsx';
import { navigate } from '../shell/navigation.ts';
import { DataTable, LoadView } from '../ui/data.tsx';
import { ActionButton, Card, ErrorAlert, Field, Form, FormCard, SelectField, formatTime, useAction } from '../ui/forms.tsx';
import './courses.css';
import { CoursePrerequisites, CourseSkills } from './requirements.tsx';
import type { CourseEditor, EditorLesson, EditorSection, PublishProblem } from './types.ts';

type Status = '' | 'draft' | 'published' | 'archived';

export function InstructorCoursesPage() {
  const [status, setStatus] = useState<Status>('');
  const { pages, state } = usePagedLoad(status, (page, signal) =>
    api.get('/api/v1/courses', { signal, query: { limit: 25, ...(status ? { status } : {}), ...page } }),
  );
  const [title, setTitle] = useState('');
  return (
    <div className="stack">
      <Card title="Your courses">
        <SelectField
          label="Status"
          value={status}
          onValueChange={(v) => setStatus(v as Status)}
          options={[
            { value: '', label: 'All' },
            { value: 'draft', label: 'Drafts' },
            { value: 'published', label: 'Published' },
            { value: 'archived', label: 'Archived' },
          ]}
        />
        <LoadView state={state} what="courses">
          {(data) => (
            <>
              <DataTable caption="Your courses" columns={['Title', 'Status', 'Learners', 'Updated']} testId="instructor-courses">
                {data.courses.map((course) => (
                  <tr key={course.id}>
                    <td>
                      <Link to={`/instructor/courses/${encodeURIComponent(course.id)}`}>{course.title}</Link>
                    </td>
                    <td>{course.status}</td>
                    <td>{course.enrolment_count}</td>
                    <td>{formatTime(course.updated_at)}</td>
                  </tr>
                ))}
              </DataTable>
              {data.courses.length === 0 && <p>No courses yet.</p>}
              <Pager pages={pages} nextCursor={data.next_cursor} />
            </>
          )}
        </LoadView>
      </Card>
      <FormCard
        title="Create a course"
        submitLabel="Create course"
        busyLabel="Creating…"
        onSubmit={async () => {
          const course = await api.post('/api/v1/courses', { body: { title } });
          navigate(`/instructor/courses/${encodeURIComponent(course.id)}`);
        }}
      >
        <Field label="Title" name="title" autoComplete="off" required maxLength={200} value={title} onValueChange={setTitle} />
      </FormCard>
    </div>
  );
}

interface Loaded {
  course: CourseEditor;
  etag: string;
}

export function CourseEditorPage({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  // While the course is read again (after a lesson or section save), its ETag is about to change:
  // the outline holds its moves until then rather than send them with the old one.
  const [refreshing, setRefreshing] = useState(false);
  // Re-reads may overlap (two saves in a row): only the latest one's answer counts.
  const latestRead = useRef(0);
  const reload = useCallback(() => {
    const read = ++latestRead.current;
    setRefreshing(true);
    apiWithEtag.get('/api/v1/courses/{id}', { path: { id } }).then(
      ({ body, etag }) => {
        if (read !== latestRead.current) return;
        setLoaded({ course: body, etag: etag ?? '' });
        setError(null);
        setRefreshing(false);
      },
      (err: unknown) => {
        if (read !== latestRead.current) return;
        setError(errorMessage(err));
        setRefreshing(false);
      },
    );
  }, [id]);
  useEffect(reload, [reload]);
  if (error && !loaded) return <ErrorAlert message={error} />;
  if (!loaded) return <p role="status">Loading the course…</p>;
  const { course, etag } = loaded;
  const update = (body: CourseEditor, newEtag: string | null) => setLoaded({ course: body, etag: newEtag ?? etag });
  return (
    <div className="stack">
      <ErrorAlert message={error} />
      <Details key={detailsKey(course)} course={course} etag={etag} onSaved={update} />
      <Publishing course={course} onChanged={update} />
      <Outline course={course} etag={etag} refreshing={refreshing} onChanged={update} reload={reload} />
      <CourseSkills course={course} onChanged={update} />
      <CoursePrerequisites course={course} onChanged={update} />
      <Owners course={course} onChanged={update} reload={reload} />
      <p>
        <Link to={`/instructor/courses/${encodeURIComponent(course.id)}/learners`}>Learners</Link> ·{' '}
        <Link to={`/courses/${encodeURIComponent(course.slug)}`}>Course page</Link> · <Link to="/instructor/courses">All your courses</Link>
      </p>
    </div>
  );
}

function TextArea({ label, value, onValueChange, rows = 8, maxLength }: { label: string; value: string; onValueChange: (v: string) => void; rows?: number; maxLength?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={rows} value={value} maxLength={maxLength} onChange={(e) => onValueChange(e.target.value)} />
    </div>
  );
}

function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="choice">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

/**
 * The details form starts again from the server's values only when they changed: an outline edit
 * (which also makes a new ETag) must not throw away what is being typed here.
 */
function detailsKey(course: CourseEditor): string {
  const { title, slug, summary, description, cover_url, level, duration_minutes, language, self_enrolment } = course;
  return JSON.stringify([title, slug, summary, description, cover_url, level, duration_minutes, language, self_enrolment]);
}

function Details({ course, etag, onSaved }: { course: CourseEditor; etag: string; onSaved: (c: CourseEditor, etag: string | null) => void }) {
  const [title, setTitle] = useState(course.title);
  const [slug, setSlug] = useState(course.slug);
  const [summary, setSummary] = useState(course.summary);
  const [description, setDescription] = useState(course.description);
  const [cover, setCover] = useState(course.cover_url ?? '');
  const [level, setLevel] = useState<CourseEditor['level']>(course.level);
  const [duration, setDuration] = useState(String(course.duration_minutes));
  const [language, setLanguage] = useState(course.language);
  const [selfEnrolment, setSelfEnrolment] = useState(course.self_enrolment);
  return (
    <Card title={`Course: ${course.title}`}>
      <Form
        label="Course details"
        submitLabel="Save details"
        busyLabel="Saving…"
        success="Saved."
        onSubmit={async () => {
          const { body, etag: next } = await apiWithEtag.patch('/api/v1/courses/{id}', {
            path: { id: course.id },
            ifMatch: etag,
            body: {
              title,
              slug,
              summary,
              description,
              cover_url: cover || null,
              level,
              duration_minutes: Number(duration) || 0,
              language,
              self_enrolment: selfEnrolment,
            },
          });
          onSaved(body, next);
        }}
      >
        <Field label="Title" name="title" required maxLength={200} value={title} onValueChange={setTitle} />
        <Field label="Slug" name="slug" required maxLength={100} value={slug} onValueChange={setSlug} hint="Lower-case words joined by dashes; the course page's address." />
        <Field label="Summary" name="summary" maxLength={500} value={summary} onValueChange={setSummary} />
        <TextArea label="Description (Markdown)" value={description} onValueChange={setDescription} maxLength={100000} />
        <Field label="Cover image URL" name="cover_url" value={cover} onValueChange={setCover} hint="An https:// address or a path on this site." />
        <SelectField
          label="Level"
          value={level}
          onValueChange={(v) => setLevel(v as CourseEditor['level'])}
          options={[
            { value: 'beginner', label: 'Beginner' },
            { value: 'intermediate', label: 'Intermediate' },
            { value: 'advanced', label: 'Advanced' },
          ]}
        />
        <Field label="Duration (minutes)" name="duration" type="number" min={0} max={100000} value={duration} onValueChange={setDuration} />
        <Field label="Language" name="language" value={language} onValueChange={setLanguage} hint="A code such as en, fr or pt-BR." />
        <Checkbox label="Learners may enrol themselves" checked={selfEnrolment} onChange={setSelfEnrolment} />
      </Form>
    </Card>
  );
}

function Publishing({ course, onChanged }: { course: CourseEditor; onChanged: (c: CourseEditor, etag: string | null) => void }) {
  const action = useAction();
  const [problems, setProblems] = useState<PublishProblem[]>([]);
  const where = (p: PublishProblem) => {
    const section = course.sections.find((s) => s.id === p.section_id);
    const lesson = section?.lessons.find((l) => l.id === p.lesson_id);
    return [section?.title, lesson?.title].filter(Boolean).join(' › ');
  };
  return (
    <Card title="Publishing">
      <p>
        Status: <strong data-testid="course-status">{course.status}</strong>
      </p>
      <ErrorAlert message={action.error} />
      {problems.length > 0 && (
        <ul className="form-error" aria-label="What to fix before publishing" data-testid="publish-problems">
          {problems.map((p, i) => (
            <li key={i}>
              {where(p) && `${where(p)}: `}
              {p.message}
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        {course.status !== 'published' && (
          <ActionButton
            action={action}
            onClick={async () => {
              setProblems([]);
              try {
                const { body, etag } = await apiWithEtag.post('/api/v1/courses/{id}/publish', { path: { id: course.id } });
                onChanged(body, etag);
              } catch (err) {
                const problems = err instanceof ApiError ? err.members.problems : undefined;
                if (Array.isArray(problems)) setProblems(problems as PublishProblem[]);
                throw err;
              }
            }}
          >
            Publish
          </ActionButton>
        )}
        {course.status !== 'archived' && (
          <ActionButton
            action={action}
            variant="danger"
            onClick={async () => {
              if (!window.confirm('Archive this course? It leaves the catalog.')) return;
              const { body, etag } = await apiWithEtag.post('/api/v1/courses/{id}/archive', { path: { id: course.id } });
              onChanged(body, etag);
            }}
          >
            Archive
          </ActionButton>
        )}
        {course.status === 'draft' && (
          <ActionButton
            action={action}
            variant="danger"
            onClick={async () => {
              if (!window.confirm('Delete this draft for good?')) return;
              await api.delete('/api/v1/courses/{id}', { path: { id: course.id } });
              navigate('/instructor/courses');
            }}
          >
            Delete draft
          </ActionButton>
        )}
      </div>
    </Card>
  );
}

type Shape = { id: string; lesson_ids: string[] }[];

function shapeOf(course: CourseEditor): Shape {
  return course.sections.map((s) => ({ id: s.id, lesson_ids: s.lessons.map((l) => l.id) }));
}

function move<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

function Outline({
  course,
  etag,
  refreshing,
  onChanged,
  reload,
}: {
  course: CourseEditor;
  etag: string;
  refreshing: boolean;
  onChanged: (c: CourseEditor, etag: string | null) => void;
  reload: () => void;
}) {
  const action = useAction();
  const [sectionTitle, setSectionTitle] = useState('');
  const [dragged, setDragged] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const busy = action.busy || refreshing;
  // Moves wait for the one in flight and for a re-read: the buttons say so (aria-disabled keeps
  // the keyboard's focus on them), and this holds for dragging too.
  const reorder = (shape: Shape, message: string) => {
    if (busy) return;
    void action.run(async () => {
      try {
        const { body, etag: next } = await apiWithEtag.put('/api/v1/courses/{id}/outline', { path: { id: course.id }, body: { sections: shape }, ifMatch: etag });
        onChanged(body, next);
        setAnnounce(message);
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 412)) throw err;
        // Someone (or another tab) changed the course since this page read it: show the outline as
        // it is now, so that the move can be made again on top of it.
        reload();
        throw new Error('The course was changed elsewhere, so the outline has been read again. Make the move again.');
      }
    });
  };
  const moveSection = (index: number, to: number) => {
    const section = course.sections[index];
    if (!section || to < 0 || to >= course.sections.length) return;
    reorder(move(shapeOf(course), index, to), `${section.title} moved to position ${to + 1}.`);
  };
  const moveLesson = (lessonId: string, toSection: number, toIndex: number) => {
    const shape = shapeOf(course);
    const from = shape.findIndex((s) => s.lesson_ids.includes(lessonId));
    const target = shape[toSection];
    const source = shape[from];
    if (!source || !target) return;
    source.lesson_ids = source.lesson_ids.filter((l) => l !== lessonId);
    target.lesson_ids.splice(Math.max(0, Math.min(toIndex, target.lesson_ids.length)), 0, lessonId);
    const title = course.sections.flatMap((s) => s.lessons).find((l) => l.id === lessonId)?.title ?? 'Lesson';
    reorder(shape, `${title} moved.`);
  };
  const dropOn = (event: DragEvent, section: number, index: number) => {
    event.preventDefault();
    if (dragged) moveLesson(dragged, section, index);
    setDragged(null);
  };
  return (
    <Card title="Outline">
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <ErrorAlert message={action.error} />
      <ol className="outline" data-testid="outline">
        {course.sections.map((section, si) => (
          <li key={section.id} onDragOver={(e) => e.preventDefault()} onDrop={(e) => dropOn(e, si, section.lessons.length)}>
            <SectionEditor
              course={course}
              section={section}
              index={si}
              count={course.sections.length}
              busy={busy}
              onMove={moveSection}
              reload={reload}
            />
            <ol className="lessons">
              {section.lessons.map((lesson, li) => (
                <li
                  key={lesson.id}
                  draggable={!busy}
                  onDragStart={() => setDragged(lesson.id)}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={(e) => {
                    e.stopPropagation();
                    dropOn(e, si, li);
                  }}
                >
                  <LessonEditor course={course} lesson={lesson} reload={reload} />
                  <div className="actions">
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={li === 0 && si === 0}
                      aria-disabled={busy || undefined}
                      onClick={() => (li > 0 ? moveLesson(lesson.id, si, li - 1) : moveLesson(lesson.id, si - 1, Number.MAX_SAFE_INTEGER))}
                    >
                      Move {lesson.title} up
                    </button>
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={li === section.lessons.length - 1 && si === course.sections.length - 1}
                      aria-disabled={busy || undefined}
                      onClick={() => (li < section.lessons.length - 1 ? moveLesson(lesson.id, si, li + 1) : moveLesson(lesson.id, si + 1, 0))}
                    >
                      Move {lesson.title} down
                    </button>
                  </div>
                </li>
              ))}
            </ol>
            <AddLesson course={course} section={section} reload={reload} />
          </li>
        ))}
      </ol>
      <Form
        label="Add a section"
        submitLabel="Add section"
        busyLabel="Adding…"
        onSubmit={async () => {
          await api.post('/api/v1/courses/{id}/sections', { path: { id: course.id }, body: { title: sectionTitle } });
          setSectionTitle('');
          reload();
        }}
      >
        <Field label="New section title" name="section-title" required maxLength={200} value={sectionTitle} onValueChange={setSectionTitle} />
      </Form>
    </Card>
  );
}

function SectionEditor({
  course,
  section,
  index,
  count,
  busy,
  onMove,
  reload,
}: {
  course: CourseEditor;
  section: EditorSection;
  index: number;
  count: number;
  busy: boolean;
  onMove: (from: number, to: number) => void;
  reload: () => void;
}) {
  const [title, setTitle] = useState(section.title);
  const [requiresPrevious, setRequiresPrevious] = useState(section.requires_previous);
  const action = useAction();
  return (
    <div className="section-editor">
      <h3>
        {index + 1}. {section.title}
      </h3>
      <Form
        label={`Section ${section.title}`}
        submitLabel="Save section"
        onSubmit={async () => {
          await api.patch('/api/v1/courses/{id}/sections/{section_id}', { path: { id: course.id, section_id: section.id }, body: { title, requires_previous: requiresPrevious } });
          reload();
        }}
      >
        <Field label="Section title" required maxLength={200} value={title} onValueChange={setTitle} />
        <Checkbox label="Locked until the previous section is complete" checked={requiresPrevious} onChange={setRequiresPrevious} />
      </Form>
      <ErrorAlert message={action.error} />
      <div className="actions">
        <button type="button" className="button button-secondary" disabled={index === 0} aria-disabled={busy || undefined} onClick={() => onMove(index, index - 1)}>
          Move section {section.title} up
        </button>
        <button type="button" className="button button-secondary" disabled={index === count - 1} aria-disabled={busy || undefined} onClick={() => onMove(index, index + 1)}>
          Move section {section.title} down
        </button>
        <ActionButton
          action={action}
          variant="danger"
          onClick={async () => {
            if (!window.confirm(`Delete the section ${section.title} and its lessons?`)) return;
            await api.delete('/api/v1/courses/{id}/sections/{section_id}', { path: { id: course.id, section_id: section.id } });
            reload();
          }}
        >
          Delete section {section.title}
        </ActionButton>
      </div>
    </div>
  );
}

const KINDS = [
  { value: 'article', label: 'Article' },
  { value: 'video', label: 'Video' },
  { value: 'quiz', label: 'Quiz' },
  { value: 'file', label: 'File' },
] as const;

function AddLesson({ course, section, reload }: { course: CourseEditor; section: EditorSection; reload: () => void }) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<EditorLesson['kind']>('article');
  return (
    <Form
      label={`Add a lesson to ${section.title}`}
      submitLabel="Add lesson"
      busyLabel="Adding…"
      onSubmit={async () => {
        await api.post('/api/v1/courses/{id}/sections/{section_id}/lessons', { path: { id: course.id, section_id: section.id }, body: { title, kind } });
        setTitle('');
        reload();
      }}
    >
      <Field label="New lesson title" required maxLength={200} value={title} onValueChange={setTitle} />
      <SelectField label="Kind" value={kind} onValueChange={(v) => setKind(v as EditorLesson['kind'])} options={KINDS} />
    </Form>
  );
}

function LessonEditor({ course, lesson, reload }: { course: CourseEditor; lesson: EditorLesson; reload: () => void }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(lesson.title);
  const [required, setRequired] = useState(lesson.required);
  const [body, setBody] = useState(lesson.body);
  const remove = useAction();
  // A video or file is saved as soon as it is uploaded or chosen (the form keeps the rest).
  const saveMedia = async (changes: RequestBody<'/api/v1/courses/{id}/lessons/{lesson_id}', 'patch'>) => {
    await api.patch('/api/v1/courses/{id}/lessons/{lesson_id}', { path: { id: course.id, lesson_id: lesson.id }, body: changes });
    reload();
  };
  return (
    <div className="lesson-editor">
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {lesson.title} ({lesson.kind}
        {lesson.required ? '' : ', optional'})
      </button>
      {lesson.kind === 'quiz' && (
        <>
          {' '}
          <Link to={`/instructor/courses/${encodeURIComponent(course.id)}/quizzes/${encodeURIComponent(lesson.id)}`}>Edit the quiz</Link>
        </>
      )}
      {open && (
        <>
          <Form
            label={`Lesson ${lesson.title}`}
            submitLabel="Save lesson"
            busyLabel="Saving…"
            onSubmit={async () => {
              const changes: RequestBody<'/api/v1/courses/{id}/lessons/{lesson_id}', 'patch'> = { title, required };
              if (lesson.kind === 'article') changes.body = body;
              await api.patch('/api/v1/courses/{id}/lessons/{lesson_id}', { path: { id: course.id, lesson_id: lesson.id }, body: changes });
              reload();
            }}
          >
            <Field label="Lesson title" required maxLength={200} value={title} onValueChange={setTitle} />
            <Checkbox label="Required to complete the course" checked={required} onChange={setRequired} />
            {lesson.kind === 'article' && <TextArea label="Article (Markdown)" value={body} onValueChange={setBody} rows={14} maxLength={200000} />}
          </Form>
          <LessonMediaEditor lesson={lesson} save={saveMedia} />
          <ErrorAlert message={remove.error} />
          <ActionButton
            action={remove}
            variant="danger"
            onClick={async () => {
              if (!window.confirm(`Delete the lesson ${lesson.title}?`)) return;
              await api.delete('/api/v1/courses/{id}/lessons/{lesson_id}', { path: { id: course.id, lesson_id: lesson.id } });
              reload();
            }}
          >
            Delete lesson {lesson.title}
          </ActionButton>
        </>
      )}
    </div>
  );
}

function Owners({ course, onChanged, reload }: { course: CourseEditor; onChanged: (c: CourseEditor, etag: string | null) => void; reload: () => void }) {
  const [email, setEmail] = useState('');
  const action = useAction();
  return (
    <Card title="Owners">
      <ul className="members">
        {course.owners.map((owner) => (
          <li key={owner.user_id}>
            {owner.name || owner.email} <span className="muted">{owner.email}</span>{' '}
            {course.owners.length > 1 && (
              <ActionButton
                action={action}
                variant="danger"
                onClick={async () => {
                  await api.delete('/api/v1/courses/{id}/owners/{user_id}', { path: { id: course.id, user_id: owner.user_id } });
                  reload();
                }}
              >
                Remove {owner.email}
              </ActionButton>
            )}
          </li>
        ))}
      </ul>
      <ErrorAlert message={action.error} />
      <Form
        label="Add an owner"
        submitLabel="Add owner"
        busyLabel="Adding…"
        onSubmit={async () => {
          const { body, etag } = await apiWithEtag.post('/api/v1/courses/{id}/owners', { path: { id: course.id }, body: { email } });
          setEmail('');
          onChanged(body, etag);
        }}
      >
        <Field label="Instructor's email" type="email" required value={email} onValueChange={setEmail} />
      </Form>
    </Card>
  );
}
