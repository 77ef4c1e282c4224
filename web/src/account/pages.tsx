// The signed-in account: profile and email change, password change, two-factor authentication,
// and the list of sessions with "sign out" per session and everywhere.
import { useEffect, useMemo, useState } from 'react';
import { api, type Schemas, type Session } from '../api/client.ts';
import { useMe, useSession } from '../auth/session.tsx';
import { Link } from '../shell/Link.tsx';
import { navigate, useSearch } from '../shell/navigation.ts';
import { LoadView } from '../ui/data.tsx';
import {
  ActionButton,
  Card,
  CurrentPasswordField,
  EmailField,
  ErrorAlert,
  Field,
  Form,
  FormCard,
  NewPasswordField,
  formatTime,
  useAction,
} from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';

type TotpEnrolment = Schemas['TotpEnrolment'];

export function AccountPage() {
  const me = useMe();
  return (
    <div className="stack">
      <Card title="Your account">
        <dl className="facts">
          <dt>Name</dt>
          <dd data-testid="account-name">{me.name}</dd>
          <dt>Email</dt>
          <dd data-testid="account-email">
            {me.email} {me.email_verified ? <span className="badge">verified</span> : <span className="badge badge-warn">not verified</span>}
          </dd>
          <dt>Role</dt>
          <dd>{me.role}</dd>
          <dt>Two-factor authentication</dt>
          <dd>
            {me.mfa_enabled ? 'On' : 'Off'} · <Link to="/account/mfa">{me.mfa_enabled ? 'Manage' : 'Set it up'}</Link>
          </dd>
        </dl>
      </Card>
      <ChangeEmail />
      <ChangePassword />
      <Sessions />
    </div>
  );
}

function ChangeEmail() {
  const [email, setEmail] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [sentTo, setSentTo] = useState('');
  return (
    <FormCard
      title="Change your email address"
      submitLabel="Send a confirmation link"
      busyLabel="Sending…"
      success={`A link is on its way to ${sentTo}. Your address changes when you follow it.`}
      onSubmit={async () => {
        await api.post('/api/v1/me/email', { body: { email, current_password: currentPassword } });
        setSentTo(email);
        setCurrentPassword('');
      }}
    >
      <EmailField label="New email address" value={email} onValueChange={setEmail} />
      <CurrentPasswordField value={currentPassword} onValueChange={setCurrentPassword} />
    </FormCard>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  return (
    <FormCard
      title="Change your password"
      submitLabel="Change password"
      busyLabel="Saving…"
      success="Your password is changed. Your other sessions have been signed out."
      onSubmit={async () => {
        await api.post('/api/v1/me/password', { body: { current_password: current, new_password: next } });
        setCurrent('');
        setNext('');
      }}
    >
      <CurrentPasswordField value={current} onValueChange={setCurrent} />
      <NewPasswordField value={next} onValueChange={setNext} hint="At least 8 characters; not a common password." />
    </FormCard>
  );
}

function describeAgent(userAgent: string): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Chrom(e|ium)\//.test(userAgent)
      ? 'Chrome'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : userAgent.slice(0, 40);
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return os ? `${browser} on ${os}` : browser;
}

function Sessions() {
  const { forget } = useSession();
  const { state, reload } = useLoad<Session[]>(
    async (signal) => (await api.get('/api/v1/auth/sessions', { signal })).sessions,
    'sessions',
  );
  const action = useAction();

  return (
    <Card title="Where you are signed in">
      <LoadView state={state} what="sessions">
        {(sessions) => (
          <ul className="sessions" data-testid="sessions">
            {sessions.map((session) => (
              <li key={session.id} className="session" data-testid="session">
                <div>
                  <strong>{describeAgent(session.user_agent)}</strong>
                  {session.current && <span className="badge">this browser</span>}
                  <br />
                  <span className="muted">
                    {session.client || 'unknown address'} · signed in {formatTime(session.created_at)} · last active{' '}
                    {formatTime(session.last_seen_at)}
                  </span>
                </div>
                {!session.current && (
                  <ActionButton
                    action={action}
                    onClick={async () => {
                      await api.delete('/api/v1/auth/sessions/{id}', { path: { id: session.id } });
                      reload();
                    }}
                  >
                    Sign out <span className="visually-hidden">of {describeAgent(session.user_agent)}</span>
                  </ActionButton>
                )}
              </li>
            ))}
          </ul>
        )}
      </LoadView>
      <ErrorAlert message={action.error} />
      <div className="form-actions">
        <ActionButton
          action={action}
          variant="danger"
          onClick={async () => {
            await api.delete('/api/v1/auth/sessions');
            forget();
            navigate('/sign-in?notice=signed_out');
          }}
        >
          Sign out everywhere
        </ActionButton>
      </div>
    </Card>
  );
}

/** The QR code as an image: the CSP allows `img-src data:`, and an <img> runs no script. */
function QrCode({ svg }: { svg: string }) {
  const src = useMemo(() => `data:image/svg+xml,${encodeURIComponent(svg)}`, [svg]);
  return <img className="qr" src={src} alt="QR code for your authenticator app" width="200" height="200" />;
}

function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = codes.join('\n') + '\n';
  const [copied, setCopied] = useState(false);
  const href = useMemo(() => URL.createObjectURL(new Blob([text], { type: 'text/plain' })), [text]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <div className="recovery" data-testid="recovery-codes">
      <p role="status">
        <strong>Save these recovery codes now.</strong> Each works once, instead of a code from your app, if you lose your
        phone. They will not be shown again.
      </p>
      <ol className="codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <a className="button button-secondary" href={href} download="skillnexus-recovery-codes.txt">
          Download
        </a>
        <button type="button" className="button" onClick={onDone}>
          I have saved them
        </button>
      </div>
    </div>
  );
}

export function MfaPage() {
  const me = useMe();
  const { refresh } = useSession();
  const required = new URLSearchParams(useSearch()).get('required') === '1';
  const [password, setPassword] = useState('');
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);

  const explanation = required && !me.mfa_enabled && (
    <p className="notice" role="alert" data-testid="mfa-required">
      Administrators must use two-factor authentication. Set it up below to use the admin pages.
    </p>
  );

  if (codes) {
    return (
      <Card title="Two-factor authentication is on">
        <RecoveryCodesView
          codes={codes}
          onDone={() => {
            setCodes(null);
            navigate('/account');
          }}
        />
      </Card>
    );
  }

  if (me.mfa_enabled) {
    return (
      <div className="stack">
        <Card title="Two-factor authentication">
          <p>
            Two-factor authentication is <strong>on</strong>: signing in asks for a code from your authenticator app.
          </p>
        </Card>
        <FormCard
          title="New recovery codes"
          intro={<p>Replace your recovery codes; the old ones stop working.</p>}
          submitLabel="Make new recovery codes"
          onSubmit={async () => {
            const result = await api.post('/api/v1/me/mfa/recovery-codes', { body: { current_password: password } });
            setPassword('');
            setCodes(result.recovery_codes);
          }}
        >
          <CurrentPasswordField value={password} onValueChange={setPassword} />
        </FormCard>
        <DisableMfa />
      </div>
    );
  }

  if (!enrolment) {
    return (
      <Card title="Set up two-factor authentication">
        {explanation}
        <p>
          You will need an authenticator app on your phone (any app for time-based codes). Confirm your password to
          start.
        </p>
        <Form
          label="Start two-factor set-up"
          submitLabel="Start"
          busyLabel="Starting…"
          onSubmit={async () => {
            const started = await api.post('/api/v1/me/mfa/totp', { body: { current_password: password } });
            setPassword('');
            setEnrolment(started);
          }}
        >
          <CurrentPasswordField value={password} onValueChange={setPassword} />
        </Form>
      </Card>
    );
  }

  return (
    <Card title="Set up two-factor authentication">
      {explanation}
      <ol className="steps">
        <li>
          Scan this QR code with your authenticator app:
          <QrCode svg={enrolment.qr_svg} />
          Or type this key into it: <code className="secret" data-testid="totp-secret">{enrolment.secret}</code>
        </li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <Form
        label="Confirm two-factor set-up"
        submitLabel="Turn on"
        busyLabel="Checking…"
        onSubmit={async () => {
          const result = await api.post('/api/v1/me/mfa/totp/confirm', { body: { code: code.trim() } });
          setCode('');
          setEnrolment(null);
          setCodes(result.recovery_codes);
          await refresh();
        }}
      >
        <Field
          label="Code from the app"
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]{6}"
          required
          value={code}
          onValueChange={setCode}
        />
      </Form>
    </Card>
  );
}

function DisableMfa() {
  const { refresh } = useSession();
  const [password, setPassword] = useState('');
  return (
    <FormCard
      title="Turn off two-factor authentication"
      submitLabel="Turn off"
      busyLabel="Turning off…"
      onSubmit={async () => {
        await api.delete('/api/v1/me/mfa/totp', { body: { current_password: password } });
        setPassword('');
        await refresh();
      }}
    >
      <CurrentPasswordField value={password} onValueChange={setPassword} />
    </FormCard>
  );
}
