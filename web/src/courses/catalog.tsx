// The catalog (search as you type, filters, "more" by cursor) and a course's public page.
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { Link } from '../shell/Link.tsx';
import { NotFound } from '../shell/routes.tsx';
import { LoadView } from '../ui/data.tsx';
import { Card, ErrorAlert, Field, SelectField, useAction } from '../ui/forms.tsx';
import { isProblem, useLoad } from '../ui/useLoad.ts';
import type { CatalogCourse } from './types.ts';
import './courses.css';

const LEVELS = [
  { value: '', label: 'Any level' },
  { value: 'beginner', label: 'Beginner' },
  { value: 'intermediate', label: 'Intermediate' },
  { value: 'advanced', label: 'Advanced' },
] as const;

const SORTS = [
  { value: '', label: 'Best match / newest' },
  { value: 'newest', label: 'Newest' },
  { value: 'title', label: 'Title' },
  { value: 'popular', label: 'Most popular' },
] as const;

type Sort = '' | 'relevance' | 'newest' | 'title' | 'popular';
type Level = '' | 'beginner' | 'intermediate' | 'advanced';

/** `value`, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function minutes(total: number): string {
  if (total <= 0) return '';
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
}

function catalogQuery(q: string, level: Level, skill: string, sort: Sort) {
  return { q, skill, limit: 24, ...(level ? { level } : {}), ...(sort ? { sort } : {}) };
}

export function CatalogPage() {
  const [text, setText] = useState('');
  const [level, setLevel] = useState<Level>('');
  const [skill, setSkill] = useState('');
  const [sort, setSort] = useState<Sort>('');
  const q = useDebounced(text.trim(), 250);
  const skills = useLoad((signal) => api.get('/api/v1/skills', { signal }), 'skills');
  const key = JSON.stringify({ q, level, skill, sort });
  const [more, setMore] = useState<{ key: string; courses: CatalogCourse[]; cursor: string | null } | null>(null);
  const { state } = useLoad(
    (signal) =>
      api.get('/api/v1/catalog', {
        signal,
        query: catalogQuery(q, level, skill, sort),
      }),
    key,
  );
  const loadMore = useAction();
  const extra = more?.key === key ? more : null;

  return (
    <div className="stack">
      <Card title="Course catalog">
        <form className="filters" role="search" aria-label="Search the catalog" onSubmit={(e) => e.preventDefault()}>
          <Field label="Search courses" type="search" name="q" value={text} onValueChange={setText} autoComplete="off" />
          <SelectField label="Level" value={level} onValueChange={(v) => setLevel(v as Level)} options={LEVELS} />
          <SelectField
            label="Skill"
            value={skill}
            onValueChange={setSkill}
            options={[
              { value: '', label: 'Any skill' },
              ...(skills.state.status === 'ready' ? skills.state.data.skills.map((s) => ({ value: s.slug, label: s.name })) : []),
            ]}
          />
          <SelectField label="Sort by" value={sort} onValueChange={(v) => setSort(v as Sort)} options={SORTS} />
        </form>
      </Card>
      <LoadView state={state} what="courses">
        {(data) => {
          const courses = [...data.courses, ...(extra?.courses ?? [])];
          const cursor = extra ? extra.cursor : data.next_cursor;
          return (
            <section aria-label="Courses found" aria-live="polite">
              {courses.length === 0 && <p>No courses match.</p>}
              <ul className="course-grid" data-testid="catalog-results">
                {courses.map((course) => (
                  <li key={course.id} className="card">
                    <h3>
                      <Link to={`/courses/${encodeURIComponent(course.slug)}`}>{course.title}</Link>
                    </h3>
                    <p>{course.summary}</p>
                    <p className="muted">
                      {course.level} · {course.language}
                      {course.duration_minutes > 0 && ` · ${minutes(course.duration_minutes)}`} · {course.enrolment_count} learners
                    </p>
                    {course.skills.length > 0 && (
                      <p>
                        {course.skills.map((s) => (
                          <span key={s.slug} className="badge">
                            {s.name}
                          </span>
                        ))}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
              <ErrorAlert message={loadMore.error} />
              {cursor && (
                <div className="form-actions">
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={loadMore.busy}
                    onClick={() =>
                      void loadMore.run(async () => {
                        const page = await api.get('/api/v1/catalog', {
                          query: { ...catalogQuery(q, level, skill, sort), cursor },
                        });
                        setMore({ key, courses: [...(extra?.courses ?? []), ...page.courses], cursor: page.next_cursor });
                      })
                    }
                  >
                    More courses
                  </button>
                </div>
              )}
            </section>
          );
        }}
      </LoadView>
    </div>
  );
}

export function CourseDetailPage({ slug }: { slug: string }) {
  const { state } = useLoad((signal) => api.get('/api/v1/catalog/{slug}', { signal, path: { slug } }), `course|${slug}`);
  const enrol = useAction();
  const [enrolled, setEnrolled] = useState(false);
  if (state.status === 'error' && isProblem(state.error, 'not_found')) return <NotFound pathname={`/courses/${slug}`} />;
  return (
    <LoadView state={state} what="the course">
      {(course) => (
        <div className="stack">
          <Card title={course.title}>
            {course.status !== 'published' && <p className="badge badge-warn">{course.status}: only its editors see this page</p>}
            <p>{course.summary}</p>
            <p className="muted">
              {course.level} · {course.language}
              {course.duration_minutes > 0 && ` · ${minutes(course.duration_minutes)}`} · by{' '}
              {course.owners.map((o) => o.name).filter(Boolean).join(', ') || 'SkillNexus'}
            </p>
            {course.skills.length > 0 && (
              <p>
                Skills:{' '}
                {course.skills.map((s) => (
                  <span key={s.slug} className="badge">
                    {s.name} (level {s.level})
                  </span>
                ))}
              </p>
            )}
            {course.prerequisites.length > 0 && (
              <p>
                Complete first:{' '}
                {course.prerequisites.map((p, i) => (
                  <span key={p.id}>
                    {i > 0 && ', '}
                    {p.available ? <Link to={`/courses/${encodeURIComponent(p.slug)}`}>{p.title}</Link> : p.title}
                  </span>
                ))}
              </p>
            )}
            <ErrorAlert message={enrol.error} />
            {enrolled ? (
              <p className="form-success" role="status">
                You are enrolled. <Link to={`/learn/courses/${encodeURIComponent(course.id)}`}>Start learning</Link>
              </p>
            ) : (
              <div className="form-actions">
                <button
                  type="button"
                  className="button"
                  disabled={enrol.busy}
                  onClick={() =>
                    void enrol.run(async () => {
                      await api.post('/api/v1/courses/{id}/enrolment', { path: { id: course.id } });
                      setEnrolled(true);
                    })
                  }
                >
                  Enrol
                </button>
              </div>
            )}
          </Card>
          {/* Rendered on the server by cmark-gfm in safe mode (no raw HTML). */}
          <Card title="About this course">
            <div className="prose" dangerouslySetInnerHTML={{ __html: course.description_html }} />
          </Card>
          <Card title="Outline">
            <ol className="outline">
              {course.sections.map((section) => (
                <li key={section.id}>
                  <h3>{section.title}</h3>
                  <ul>
                    {section.lessons.map((lesson) => (
                      <li key={lesson.id}>
                        {lesson.title} <span className="muted">({lesson.kind}{lesson.duration_seconds ? `, ${Math.ceil(lesson.duration_seconds / 60)} min` : ''})</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          </Card>
        </div>
      )}
    </LoadView>
  );
}
