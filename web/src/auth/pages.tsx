// Pages for signed-out visitors: sign in (with the two-factor step and SSO), sign up, verify an
// email address, forgot password, and set or reset a password from an emailed link.
import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { api, ApiError, errorMessage, type Schemas } from '../api/client.ts';
import { Link } from '../shell/Link.tsx';
import { navigate, safeReturnPath, useSearch } from '../shell/navigation.ts';
import { Card, CurrentPasswordField, EmailField, ErrorAlert, Field, Form, NewPasswordField } from '../ui/forms.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { dropFragment, readFragmentToken, useSession } from './session.tsx';

type Platform = Schemas['Platform'];
type OidcInfo = Schemas['OidcInfo'];

/** `GET /api/v1/platform`, for "is sign-up open". */
export function usePlatform() {
  return useLoad<Platform>((signal) => api.get('/api/v1/platform', { signal }), 'platform');
}

function useOidc() {
  return useLoad<OidcInfo>(async (signal) => {
    try {
      return await api.get('/api/v1/auth/oidc', { signal });
    } catch (err) {
      // A server without single sign-on may not serve the route at all.
      if (err instanceof ApiError && err.status === 404) return { enabled: false, name: '' };
      throw err;
    }
  }, 'oidc');
}

/** Each page here is one narrow card. */
function NarrowCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="narrow">
      <Card title={title}>{children}</Card>
    </div>
  );
}

const SIGN_IN_NOTICES: Record<string, string> = {
  password_set: 'Your password is set. Sign in with it.',
  verified: 'Your email address is verified. Sign in to continue.',
  signed_out: 'You are signed out.',
};

export function SignInPage() {
  const { refresh } = useSession();
  const search = new URLSearchParams(useSearch());
  const returnTo = safeReturnPath(search.get('return_to')) ?? '/account';
  const notice = SIGN_IN_NOTICES[search.get('notice') ?? ''];
  const ssoFailed = search.get('error') === 'sso_failed';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const { state: oidc } = useOidc();
  const { state: platform } = usePlatform();

  const submit = async () => {
    try {
      await api.post('/api/v1/auth/sessions', {
        body: needsCode ? { email, password, code: code.trim() } : { email, password },
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'mfa_required' && !needsCode) {
        // Not a failure: the account uses two-factor authentication, so ask for the code.
        setNeedsCode(true);
        return;
      }
      throw err;
    }
    await refresh();
    navigate(returnTo);
  };

  return (
    <NarrowCard title="Sign in">
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {ssoFailed && (
        <p className="form-error" role="alert">
          Single sign-on did not work. Try again, or sign in with your password.
        </p>
      )}
      <Form label="Sign in" onSubmit={submit} submitLabel={needsCode ? 'Verify and sign in' : 'Sign in'} busyLabel="Signing in…">
        <EmailField value={email} onValueChange={setEmail} readOnly={needsCode} />
        <CurrentPasswordField label="Password" name="password" value={password} onValueChange={setPassword} readOnly={needsCode} />
        {needsCode && (
          <Field
            label="Authentication code"
            name="code"
            autoComplete="one-time-code"
            inputMode="text"
            required
            autoFocus
            value={code}
            onValueChange={setCode}
            hint="The 6-digit code from your authenticator app, or one of your recovery codes."
          />
        )}
      </Form>
      {oidc.status === 'ready' && oidc.data.enabled && (
        <p className="sso">
          <a className="button button-secondary" href={`/api/v1/auth/oidc/start?return_to=${encodeURIComponent(returnTo)}`}>
            Sign in with SSO{oidc.data.name ? ` (${oidc.data.name})` : ''}
          </a>
        </p>
      )}
      <ul className="links">
        <li>
          <Link to="/forgot-password">Forgot your password?</Link>
        </li>
        {platform.status === 'ready' && platform.data.signup === 'open' && (
          <li>
            <Link to="/sign-up">Create an account</Link>
          </li>
        )}
        <li>
          <Link to="/verify-email">Resend the verification email</Link>
        </li>
      </ul>
    </NarrowCard>
  );
}

export function SignUpPage() {
  const { state: platform } = usePlatform();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [sent, setSent] = useState(false);

  if (platform.status === 'loading') return <p role="status">Loading…</p>;
  if (platform.status === 'ready' && platform.data.signup !== 'open') {
    return (
      <NarrowCard title="Sign-up is by invitation">
        <p>Ask an administrator of {platform.data.name} to invite you.</p>
        <p>
          <Link to="/sign-in">Sign in</Link>
        </p>
      </NarrowCard>
    );
  }
  if (sent) {
    return (
      <NarrowCard title="Check your email">
        <p role="status">
          If <strong>{email}</strong> can receive mail, a link to verify it is on its way. Follow it, then sign in.
        </p>
      </NarrowCard>
    );
  }
  return (
    <NarrowCard title="Create an account">
      <Form
        label="Create an account"
        submitLabel="Create account"
        busyLabel="Creating…"
        onSubmit={async () => {
          await api.post('/api/v1/auth/signup', { body: { email, name, password } });
          setSent(true);
        }}
      >
        <Field label="Name" name="name" autoComplete="name" required value={name} onValueChange={setName} />
        <EmailField value={email} onValueChange={setEmail} />
        <NewPasswordField
          label="Password"
          value={password}
          onValueChange={setPassword}
          hint="At least 8 characters. A long phrase is easiest to remember."
        />
      </Form>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </NarrowCard>
  );
}

/** `/verify-email#token=…` from the email; without a token, a form to send the link again. */
export function VerifyEmailPage() {
  const [token] = useState(readFragmentToken);
  const [result, setResult] = useState<'pending' | 'verified' | { error: string }>('pending');
  const [email, setEmail] = useState('');
  const { refresh } = useSession();
  // Before the page is first painted: the token is never shown in the address bar or history.
  useLayoutEffect(dropFragment, []);

  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    api.post('/api/v1/auth/email-verification', { body: { token } }).then(
      async () => {
        if (cancelled) return;
        setResult('verified');
        await refresh();
      },
      (err: unknown) => {
        if (!cancelled) setResult({ error: errorMessage(err) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [token, refresh]);

  const resend = (
    <Form
      label="Send the verification link again"
      submitLabel="Send the link again"
      busyLabel="Sending…"
      success="If that address has an account waiting for verification, a new link is on its way."
      onSubmit={async () => {
        await api.post('/api/v1/auth/email-verification/resend', { body: { email } });
      }}
    >
      <EmailField value={email} onValueChange={setEmail} />
    </Form>
  );

  if (!token) {
    return (
      <NarrowCard title="Verify your email address">
        <p>Follow the link in the email we sent you. No email? Send it again:</p>
        {resend}
      </NarrowCard>
    );
  }
  return (
    <NarrowCard title="Verify your email address">
      {result === 'pending' && <p role="status">Verifying…</p>}
      {result === 'verified' && (
        <>
          <p role="status" data-testid="email-verified">
            Your email address is verified.
          </p>
          <p>
            <Link to="/sign-in?notice=verified">Sign in</Link>
          </p>
        </>
      )}
      {typeof result === 'object' && (
        <>
          <ErrorAlert message={result.error} />
          {resend}
        </>
      )}
    </NarrowCard>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  return (
    <NarrowCard title="Forgot your password?">
      <p>We will email you a link to choose a new one. It works for one hour.</p>
      <Form
        label="Reset your password"
        submitLabel="Email me a link"
        busyLabel="Sending…"
        success="If an account uses that address, a link is on its way. Check your email."
        onSubmit={async () => {
          await api.post('/api/v1/auth/password-reset', { body: { email } });
        }}
      >
        <EmailField value={email} onValueChange={setEmail} />
      </Form>
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </NarrowCard>
  );
}

/** `/set-password#token=…` (invitations, the first admin) and `/reset-password#token=…`. */
export function SetPasswordPage({ reset }: { reset: boolean }) {
  const [token] = useState(readFragmentToken);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { forget } = useSession();
  // Before the page is first painted: the token is never shown in the address bar or history.
  useLayoutEffect(dropFragment, []);
  const title = reset ? 'Choose a new password' : 'Choose your password';

  if (!token) {
    return (
      <NarrowCard title={title}>
        <p className="form-error" role="alert">
          This page needs the link from your email. Open the link again, or ask for a new one.
        </p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </NarrowCard>
    );
  }
  return (
    <NarrowCard title={title}>
      <Form
        label={title}
        submitLabel="Set password"
        busyLabel="Saving…"
        onSubmit={async () => {
          if (password !== confirm) throw new Error('The two passwords differ.');
          await api.post('/api/v1/auth/password', { body: { token, password } });
          // Setting a password ends every session, this browser's too.
          forget();
          navigate('/sign-in?notice=password_set');
        }}
      >
        <NewPasswordField
          value={password}
          onValueChange={setPassword}
          hint="At least 8 characters; not a common password. A long phrase is easiest to remember."
        />
        <Field
          label="Repeat the new password"
          type="password"
          name="confirm-password"
          autoComplete="new-password"
          required
          value={confirm}
          onValueChange={setConfirm}
        />
      </Form>
    </NarrowCard>
  );
}
