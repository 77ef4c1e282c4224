// Admin: the skills taxonomy (a tree): add, rename, move under another skill, delete.
import { useState } from 'react';
import { api } from '../api/client.ts';
import { DataTable, LoadView } from '../ui/data.tsx';
import { ActionButton, Card, ErrorAlert, Field, FormCard, SelectField, useAction } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import type { Skill } from './types.ts';

export function SkillsAdminPage() {
  const { state, reload } = useLoad((signal) => api.get('/api/v1/skills', { signal }), 'admin-skills');
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const action = useAction();
  const skills = state.status === 'ready' ? state.data.skills : [];
  const parentOptions = [{ value: '', label: 'None (top level)' }, ...skills.map((s) => ({ value: s.id, label: s.name }))];
  return (
    <div className="stack">
      <Card title="Skills">
        <ErrorAlert message={action.error} />
        <LoadView state={state} what="skills">
          {(data) => (
            <DataTable caption="Skills" columns={['Name', 'Slug', 'Under', 'Courses', 'Actions']} testId="skills-table">
              {data.skills.map((skill) => (
                <SkillRow key={`${skill.id}|${skill.name}|${skill.parent_id}`} skill={skill} all={data.skills} action={action} onChanged={reload} />
              ))}
            </DataTable>
          )}
        </LoadView>
      </Card>
      <FormCard
        title="Add a skill"
        submitLabel="Add skill"
        busyLabel="Adding…"
        onSubmit={async () => {
          await api.post('/api/v1/admin/skills', { body: { name, ...(parent ? { parent_id: parent } : {}) } });
          setName('');
          reload();
        }}
      >
        <Field label="Name" name="name" autoComplete="off" required maxLength={100} value={name} onValueChange={setName} />
        <SelectField label="Under" value={parent} onValueChange={setParent} options={parentOptions} />
      </FormCard>
    </div>
  );
}

function SkillRow({
  skill,
  all,
  action,
  onChanged,
}: {
  skill: Skill;
  all: Skill[];
  action: ReturnType<typeof useAction>;
  onChanged: () => void;
}) {
  const [name, setName] = useState(skill.name);
  const [parent, setParent] = useState(skill.parent_id ?? '');
  const parentName = all.find((s) => s.id === skill.parent_id)?.name ?? '';
  return (
    <tr>
      <td>
        <label className="visually-hidden" htmlFor={`skill-name-${skill.id}`}>
          Name of {skill.name}
        </label>
        <input id={`skill-name-${skill.id}`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </td>
      <td>{skill.slug}</td>
      <td>
        <label className="visually-hidden" htmlFor={`skill-parent-${skill.id}`}>
          {skill.name} sits under
        </label>
        <select id={`skill-parent-${skill.id}`} value={parent} onChange={(e) => setParent(e.target.value)}>
          <option value="">None{parentName ? '' : ' (top level)'}</option>
          {all
            .filter((s) => s.id !== skill.id)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </select>
      </td>
      <td>{skill.course_count}</td>
      <td className="actions">
        <ActionButton
          action={action}
          onClick={async () => {
            await api.patch('/api/v1/admin/skills/{id}', { path: { id: skill.id }, body: { name, parent_id: parent || null } });
            onChanged();
          }}
        >
          Save {skill.name}
        </ActionButton>
        <ActionButton
          action={action}
          variant="danger"
          onClick={async () => {
            if (!window.confirm(`Delete the skill ${skill.name}?`)) return;
            await api.delete('/api/v1/admin/skills/{id}', { path: { id: skill.id } });
            onChanged();
          }}
        >
          Delete {skill.name}
        </ActionButton>
      </td>
    </tr>
  );
}
