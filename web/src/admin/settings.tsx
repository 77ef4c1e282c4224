// Admin: platform-wide settings — the platform's name and who may create an account.
import { useState } from 'react';
import { api, type Schemas } from '../api/client.ts';
import { usePlatform } from '../auth/pages.tsx';
import { Card, ErrorAlert, Field, Form, RadioGroup } from '../ui/forms.tsx';

type PlatformSettings = Pick<Schemas['Platform'], 'name' | 'signup'>;
type SignupMode = PlatformSettings['signup'];

const SIGNUP_OPTIONS: readonly { value: SignupMode; label: string }[] = [
  { value: 'open', label: 'Open: anyone can create an account with a verified email address' },
  { value: 'invite_only', label: 'Invite only: an admin invites each user' },
];

export function SettingsPage() {
  const { state } = usePlatform();
  if (state.status === 'loading') return <p role="status">Loading settings…</p>;
  if (state.status === 'error') {
    return (
      <Card title="Platform settings">
        <ErrorAlert message={state.message} />
      </Card>
    );
  }
  return <SettingsForm initial={{ name: state.data.name, signup: state.data.signup }} />;
}

function SettingsForm({ initial }: { initial: PlatformSettings }) {
  // What the server holds now: only what differs from it is sent (and audited).
  const [saved, setSaved] = useState(initial);
  const [name, setName] = useState(initial.name);
  const [signup, setSignup] = useState<SignupMode>(initial.signup);
  return (
    <Card title="Platform settings">
      <Form
        label="Platform settings"
        submitLabel="Save settings"
        busyLabel="Saving…"
        success="Settings saved."
        onSubmit={async () => {
          const trimmed = name.trim();
          if (!trimmed) throw new Error('Enter a name for the platform.');
          const changes = {
            ...(trimmed !== saved.name ? { name: trimmed } : {}),
            ...(signup !== saved.signup ? { signup } : {}),
          };
          if (Object.keys(changes).length === 0) throw new Error('Nothing to save: change the name or the sign-up mode first.');
          const next = await api.patch('/api/v1/admin/settings/platform', { body: changes });
          setSaved(next);
          setName(next.name);
          setSignup(next.signup);
        }}
      >
        <Field
          label="Platform name"
          name="platform-name"
          autoComplete="off"
          required
          maxLength={100}
          value={name}
          onValueChange={setName}
          hint="Up to 100 characters. Visitors see it, for example on the sign-up page."
        />
        <RadioGroup legend="Sign-up" name="signup" value={signup} onValueChange={setSignup} options={SIGNUP_OPTIONS} />
      </Form>
    </Card>
  );
}
