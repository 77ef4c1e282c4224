// `/learn`: the learner's dashboard — continue where you left off, due dates, completed courses
// and their certificates.
import { api } from '../api/client.ts';
import { Link } from '../shell/Link.tsx';
import { DataTable, LoadView } from '../ui/data.tsx';
import { Card } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { formatDate, formatPosition } from './format.ts';
import { ProgressBar } from './ProgressBar.tsx';
import './learn.css';

export function DashboardPage() {
  const { state } = useLoad((signal) => api.get('/api/v1/me/dashboard', { signal }), 'dashboard');
  return (
    <LoadView state={state} what="your courses">
      {(data) => (
        <div className="stack">
          <Card title="Continue learning">
            <p className="muted">
              {data.counts.in_progress} in progress · {data.counts.completed} completed
              {data.counts.overdue > 0 && <> · <strong>{data.counts.overdue} overdue</strong></>}
            </p>
            {data.in_progress.length === 0 ? (
              <p>
                You are not taking any course right now. <Link to="/catalog">Browse the catalog</Link>.
              </p>
            ) : (
              <ul className="learn-list" data-testid="in-progress">
                {data.in_progress.map((course) => (
                  <li key={course.course_id} className="learn-item">
                    <h3>
                      <Link to={`/learn/courses/${encodeURIComponent(course.course_id)}`}>{course.title}</Link>
                    </h3>
                    <ProgressBar percent={course.progress_percent} label={`Progress in ${course.title}`} />
                    <span className="muted">
                      {' '}
                      {course.completed_lessons} of {course.required_lessons} lessons
                    </span>
                    {course.due_at && (
                      <p className={course.overdue ? 'badge badge-warn' : 'muted'}>
                        {course.overdue ? 'Overdue: was due ' : 'Due '}
                        {formatDate(course.due_at)}
                      </p>
                    )}
                    {course.continue && (
                      <p>
                        <Link className="button" to={`/learn/lessons/${encodeURIComponent(course.continue.lesson_id)}`}>
                          Continue: {course.continue.lesson_title}
                          {course.continue.lesson_kind === 'video' && course.continue.position_ms > 0
                            ? ` (at ${formatPosition(course.continue.position_ms)})`
                            : ''}
                        </Link>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Completed">
            {data.completed.length === 0 ? (
              <p>No completed courses yet.</p>
            ) : (
              <DataTable caption="Completed courses" columns={['Course', 'Completed', 'Certificate']} testId="completed">
                {data.completed.map((course) => (
                  <tr key={course.course_id}>
                    <td>
                      <Link to={`/learn/courses/${encodeURIComponent(course.course_id)}`}>{course.title}</Link>
                    </td>
                    <td>{formatDate(course.completed_at)}</td>
                    <td>
                      {course.certificate_code ? (
                        <Link to={`/verify/${encodeURIComponent(course.certificate_code)}`}>{course.certificate_code}</Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
            <p>
              <Link to="/learn/certificates">All your certificates</Link>
            </p>
          </Card>
        </div>
      )}
    </LoadView>
  );
}
