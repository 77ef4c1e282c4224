// `/learn/courses/:id`: the course outline as the learner sees it — each lesson's status, locked
// sections, progress and where to resume.
import { api } from '../api/client.ts';
import { Link } from '../shell/Link.tsx';
import { LoadView } from '../ui/data.tsx';
import { Card } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { formatDate, formatPosition, STATUS_LABELS } from './format.ts';
import { ProgressBar } from './ProgressBar.tsx';
import './learn.css';

const KIND_LABELS: Record<string, string> = { video: 'Video', article: 'Article', quiz: 'Quiz', file: 'File' };

export function LearnCoursePage({ id }: { id: string }) {
  const { state } = useLoad((signal) => api.get('/api/v1/learn/courses/{id}', { signal, path: { id } }), `learn-course|${id}`);
  return (
    <LoadView state={state} what="the course">
      {(outline) => (
        <div className="stack">
          <Card title={outline.course.title}>
            {outline.editor && !outline.enrolment_status && <p className="muted">Preview: you edit this course.</p>}
            <p>
              <ProgressBar percent={outline.progress_percent} label="Course progress" />{' '}
              <span className="muted">
                {outline.completed_lessons} of {outline.required_lessons} required lessons
              </span>
            </p>
            {outline.due_at && <p>Due {formatDate(outline.due_at)}</p>}
            {outline.resume && (
              <p>
                <Link className="button" to={`/learn/lessons/${encodeURIComponent(outline.resume.lesson_id)}`}>
                  {outline.resume.position_ms > 0 ? 'Resume' : 'Start'}: {outline.resume.lesson_title}
                  {outline.resume.position_ms > 0 ? ` (at ${formatPosition(outline.resume.position_ms)})` : ''}
                </Link>
              </p>
            )}
          </Card>
          {outline.sections.map((section) => (
            <Card key={section.id} title={section.title}>
              {section.locked && (
                <p className="badge badge-warn">Locked: complete the required lessons of the previous section first.</p>
              )}
              <ol className="learn-outline">
                {section.lessons.map((lesson) => (
                  <li key={lesson.id} data-status={lesson.status}>
                    {section.locked ? (
                      <span aria-disabled="true">{lesson.title}</span>
                    ) : (
                      <Link to={`/learn/lessons/${encodeURIComponent(lesson.id)}`}>{lesson.title}</Link>
                    )}{' '}
                    <span className="muted">
                      {KIND_LABELS[lesson.kind] ?? lesson.kind}
                      {lesson.required ? '' : ', optional'} · {STATUS_LABELS[lesson.status] ?? lesson.status}
                      {lesson.kind === 'video' && lesson.watched_percent > 0 ? ` · ${lesson.watched_percent}% watched` : ''}
                      {lesson.best_score !== null ? ` · best score ${lesson.best_score}%` : ''}
                    </span>
                  </li>
                ))}
              </ol>
              {section.lessons.length === 0 && <p>No lessons in this section yet.</p>}
            </Card>
          ))}
          <p>
            <Link to="/learn">Back to my learning</Link>
          </p>
        </div>
      )}
    </LoadView>
  );
}
