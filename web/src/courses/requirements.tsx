// The course editor's skills (what the course teaches, each with a level 1 to 5) and
// prerequisites (published courses to complete first). Both are replaced as a whole list with one
// PUT, so what is shown is exactly what the server stored.
import { useState } from 'react';
import { api, apiWithEtag } from '../api/client.ts';
import { ActionButton, Card, ErrorAlert, Form, SelectField, useAction } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { CoursePicker } from './picker.tsx';
import type { CourseEditor } from './types.ts';

type OnChanged = (c: CourseEditor, etag: string | null) => void;

const LEVELS = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `Level ${n}` }));

export function CourseSkills({ course, onChanged }: { course: CourseEditor; onChanged: OnChanged }) {
  const { state } = useLoad((signal) => api.get('/api/v1/skills', { signal }), 'course-skills');
  const [skillId, setSkillId] = useState('');
  const [level, setLevel] = useState('1');
  const action = useAction();
  const save = async (skills: { skill_id: string; level: number }[]) => {
    const { body, etag } = await apiWithEtag.put('/api/v1/courses/{id}/skills', { path: { id: course.id }, body: { skills } });
    onChanged(body, etag);
  };
  const current = course.skills.map((s) => ({ skill_id: s.skill_id, level: s.level }));
  const taken = new Set(current.map((s) => s.skill_id));
  const choices = state.status === 'ready' ? state.data.skills.filter((s) => !taken.has(s.id)) : [];
  return (
    <Card title="Skills taught">
      {course.skills.length === 0 ? (
        <p>No skills yet: learners find courses by the skills they teach.</p>
      ) : (
        <ul className="members" data-testid="course-skills">
          {course.skills.map((skill) => (
            <li key={`${skill.skill_id}|${skill.level}`}>
              {skill.name}{' '}
              <SelectField
                label={`Level of ${skill.name}`}
                value={String(skill.level)}
                options={LEVELS}
                onValueChange={(v) =>
                  void action.run(() => save(current.map((s) => (s.skill_id === skill.skill_id ? { ...s, level: Number(v) } : s))))
                }
              />{' '}
              <ActionButton action={action} variant="danger" onClick={() => save(current.filter((s) => s.skill_id !== skill.skill_id))}>
                Remove {skill.name}
              </ActionButton>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert message={action.error} />
      {choices.length > 0 && (
        <Form
          label="Add a skill"
          submitLabel="Add skill"
          busyLabel="Adding…"
          onSubmit={async () => {
            if (!skillId) return;
            await save([...current, { skill_id: skillId, level: Number(level) }]);
            setSkillId('');
            setLevel('1');
          }}
        >
          <SelectField
            label="Skill"
            value={skillId}
            onValueChange={setSkillId}
            options={[{ value: '', label: 'Choose a skill' }, ...choices.map((s) => ({ value: s.id, label: s.name }))]}
          />
          <SelectField label="Level" value={level} onValueChange={setLevel} options={LEVELS} />
        </Form>
      )}
    </Card>
  );
}

export function CoursePrerequisites({ course, onChanged }: { course: CourseEditor; onChanged: OnChanged }) {
  const action = useAction();
  const ids = course.prerequisites.map((p) => p.id);
  const save = async (courseIds: string[]) => {
    const { body, etag } = await apiWithEtag.put('/api/v1/courses/{id}/prerequisites', { path: { id: course.id }, body: { course_ids: courseIds } });
    onChanged(body, etag);
  };
  return (
    <Card title="Prerequisites">
      {course.prerequisites.length === 0 ? (
        <p>None: any learner may enrol.</p>
      ) : (
        <ul className="members" data-testid="course-prerequisites">
          {course.prerequisites.map((p) => (
            <li key={p.id}>
              {p.title} {p.status !== 'published' && <span className="muted">({p.status}: learners cannot take it yet)</span>}{' '}
              <ActionButton action={action} variant="danger" onClick={() => save(ids.filter((id) => id !== p.id))}>
                Remove {p.title}
              </ActionButton>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert message={action.error} />
      <CoursePicker label="Find a course to require" verb="Require" chosen={[...ids, course.id]} onPick={(c) => save([...ids, c.id])} />
    </Card>
  );
}
