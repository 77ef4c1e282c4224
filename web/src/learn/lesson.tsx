// `/learn/lessons/:id`: one lesson — an article (marked complete on reaching its end or by the
// button), a video (the player, completing at the server's share watched: media/lesson_video.tsx),
// a file to download or a link to the quiz — with previous/next navigation.
import { useEffect, useRef, useState } from 'react';
import { api, type Schemas } from '../api/client.ts';
import { lessonFileUrl } from '../media/api.ts';
import { LessonVideo } from '../media/lesson_video.tsx';
import { preloadPlayer } from '../media/player.tsx';
import { Link } from '../shell/Link.tsx';
import { LoadView } from '../ui/data.tsx';
import { ActionButton, Card, ErrorAlert, useAction } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { formatBytes, STATUS_LABELS } from './format.ts';
import './learn.css';

type Lesson = Schemas['LearnerLesson'];

export function LessonPage({ id }: { id: string }) {
  useEffect(preloadPlayer, []);
  const { state } = useLoad(
    (signal) => api.get('/api/v1/learn/lessons/{lesson_id}', { signal, path: { lesson_id: id } }),
    `lesson|${id}`,
  );
  return (
    <LoadView state={state} what="the lesson">
      {(lesson) => <LessonView key={lesson.id} lesson={lesson} />}
    </LoadView>
  );
}

function LessonView({ lesson }: { lesson: Lesson }) {
  const [status, setStatus] = useState(lesson.status);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const completable = lesson.enrolled && (lesson.kind === 'article' || lesson.kind === 'file');

  const completed = (outcome: { course_completed_now?: boolean; certificate_code?: string | null; progress_percent?: number }, now: boolean) => {
    setStatus('completed');
    if (outcome.course_completed_now) {
      setNotice(
        outcome.certificate_code
          ? `You completed the course. Your certificate code is ${outcome.certificate_code}.`
          : 'You completed the course.',
      );
    } else if (now) {
      setNotice(`Lesson complete.${outcome.progress_percent != null ? ` Course progress: ${outcome.progress_percent}%.` : ''}`);
    }
  };
  const complete = async () => {
    const outcome = await api.post('/api/v1/learn/lessons/{lesson_id}/complete', { path: { lesson_id: lesson.id } });
    completed(outcome, outcome.lesson_completed_now);
  };

  // An article completes once its end scrolls into view.
  const end = useRef<HTMLDivElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (lesson.kind !== 'article' || !completable || status === 'completed' || !end.current) return;
    if (typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (asked.current || !entries.some((e) => e.isIntersecting)) return;
      asked.current = true;
      void action.run(complete);
    });
    observer.observe(end.current);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lesson.id, status]);

  return (
    <div className="stack">
      <Card title={lesson.title}>
        <p className="muted">
          <Link to={`/learn/courses/${encodeURIComponent(lesson.course_id)}`}>{lesson.course_title}</Link> ·{' '}
          {lesson.section_title} · <span data-testid="lesson-status">{STATUS_LABELS[status] ?? status}</span>
        </p>
        {lesson.kind === 'article' && (
          // Rendered from Markdown and sanitized on the server (cmark-gfm safe mode).
          <div className="article-body" dangerouslySetInnerHTML={{ __html: lesson.body_html ?? '' }} />
        )}
        {lesson.kind === 'video' && <LessonVideo lesson={lesson} onCompleted={(result) => completed(result, true)} />}
        {lesson.kind === 'file' &&
          (lesson.file_name ? (
            <p>
              <a className="button" href={lessonFileUrl(lesson.id)} download={lesson.file_name}>
                Download {lesson.file_name}
              </a>
              {lesson.file_size != null && <span className="muted"> ({formatBytes(lesson.file_size)})</span>}
            </p>
          ) : (
            <p>File: not uploaded yet.</p>
          ))}
        {lesson.kind === 'quiz' && (
          <p>
            <Link className="button" to={`/learn/quizzes/${encodeURIComponent(lesson.id)}`}>
              Take the quiz
            </Link>
          </p>
        )}
        <div ref={end} />
        {completable && status !== 'completed' && (
          <div className="form-actions">
            <ActionButton action={action} onClick={complete} variant="secondary">
              Mark as complete
            </ActionButton>
          </div>
        )}
        <ErrorAlert message={action.error} />
        {notice && (
          <p className="form-success" role="status">
            {notice}
          </p>
        )}
      </Card>
      <nav className="pager" aria-label="Lessons">
        {lesson.previous_lesson_id ? (
          <Link to={`/learn/lessons/${encodeURIComponent(lesson.previous_lesson_id)}`}>
            Previous lesson
          </Link>
        ) : (
          <span />
        )}
        {lesson.next_lesson_id && (
          <Link to={`/learn/lessons/${encodeURIComponent(lesson.next_lesson_id)}`}>Next lesson</Link>
        )}
      </nav>
    </div>
  );
}
