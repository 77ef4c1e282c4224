import { useEffect, useRef, type ReactNode } from 'react';
import { MFA_ENROLMENT_REQUIRED_EVENT } from '../api/client.ts';
import { SessionProvider, useSession, type SessionState } from '../auth/session.tsx';
import { Link } from './Link.tsx';
import { PageBoundary } from './PageBoundary.tsx';
import { matchRoute, navigate, replace, usePathname, useSearch, type PageAccess } from './navigation.ts';
import { NotFound, ROUTES } from './routes.tsx';
import { describeVersionError, formatVersion, useVersion, type VersionState } from './useVersion.ts';

const PRODUCT = 'SkillNexus';

function VersionFooter({ state }: { state: VersionState }) {
  switch (state.status) {
    case 'loading':
      return (
        <p className="version" role="status" aria-live="polite">
          Loading version…
        </p>
      );
    case 'ready':
      return (
        <p className="version">
          {PRODUCT}{' '}
          <span data-testid="version" title={`Built ${state.info.build_time}`}>
            {formatVersion(state.info)}
          </span>
        </p>
      );
    case 'error':
      return <p className="version">Version unavailable</p>;
  }
}

/** What the signed-in user may see decides what the page shows instead of itself. */
function guard(access: PageAccess, session: SessionState, pathname: string, search: string): ReactNode | null {
  if (access === 'anyone') return null;
  if (session.status === 'loading') return <p role="status">Loading…</p>;
  if (session.status === 'error') {
    return (
      <p className="form-error" role="alert">
        {describeVersionError(session.error)}
      </p>
    );
  }
  if (access === 'signed_out') {
    return session.status === 'signed_in' ? (
      <section className="card">
        <h2>You are signed in</h2>
        <p>
          <Link to="/account">Go to your account</Link>
        </p>
      </section>
    ) : null;
  }
  if (session.status !== 'signed_in') {
    const returnTo = encodeURIComponent(pathname + search);
    return (
      <section className="card" aria-labelledby="signin-needed">
        <h2 id="signin-needed">Sign in to continue</h2>
        <p>
          <Link to={`/sign-in?return_to=${returnTo}`}>Sign in</Link> to see this page.
        </p>
      </section>
    );
  }
  if (access === 'admin' && session.me.role !== 'admin') {
    return (
      <section className="card">
        <h2>Not allowed</h2>
        <p>This page is for administrators.</p>
      </section>
    );
  }
  // The API refuses admin routes until the admin uses two-factor authentication; go straight to
  // the set-up rather than to a page of errors (the API's answer leads there too).
  if (access === 'admin' && session.me.mfa_enabled === false) return <Redirect to="/account/mfa?required=1" />;
  return null;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => replace(to), [to]);
  return <p role="status">Redirecting…</p>;
}

function Navigation() {
  const { state, signOut } = useSession();
  const signedIn = state.status === 'signed_in';
  const isAdmin = signedIn && state.me.role === 'admin';
  const teaches = signedIn && (state.me.role === 'instructor' || state.me.role === 'admin');
  return (
    <nav aria-label="Main" className="shell-nav">
      <ul>
        <li>
          <Link to="/">Home</Link>
        </li>
        <li>
          <Link to="/catalog">Catalog</Link>
        </li>
        {teaches && (
          <li>
            <Link to="/instructor/courses">Teach</Link>
          </li>
        )}
        {teaches && (
          <li>
            <Link to="/media">Media</Link>
          </li>
        )}
        {signedIn && (
          <li>
            <Link to="/learn">My learning</Link>
          </li>
        )}
        {signedIn && (
          <li>
            <Link to="/account">Account</Link>
          </li>
        )}
        {isAdmin && (
          <>
            <li>
              <Link to="/admin/users">Users</Link>
            </li>
            <li>
              <Link to="/admin/groups">Groups</Link>
            </li>
            <li>
              <Link to="/admin/audit">Audit log</Link>
            </li>
            <li>
              <Link to="/admin/settings">Settings</Link>
            </li>
            <li>
              <Link to="/admin/skills">Skills</Link>
            </li>
          </>
        )}
        {state.status === 'signed_out' && (
          <li>
            <Link to="/sign-in">Sign in</Link>
          </li>
        )}
        {signedIn && (
          <li>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                void signOut().then(() => navigate('/sign-in?notice=signed_out'));
              }}
            >
              Sign out
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}

function Frame() {
  const pathname = usePathname();
  const search = useSearch();
  const version = useVersion();
  const { state: session } = useSession();
  const match = matchRoute(ROUTES, pathname);
  const title = match ? (match.route.title === PRODUCT ? PRODUCT : `${match.route.title} · ${PRODUCT}`) : `Page not found · ${PRODUCT}`;
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = title;
  }, [title]);

  // After in-app navigation, move focus to the new content (not on first load).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  // An admin without two-factor authentication is sent to set it up, with the reason.
  useEffect(() => {
    const onRequired = () => navigate('/account/mfa?required=1');
    window.addEventListener(MFA_ENROLMENT_REQUIRED_EVENT, onRequired);
    return () => window.removeEventListener(MFA_ENROLMENT_REQUIRED_EVENT, onRequired);
  }, []);

  const blocked = match ? guard(match.route.access, session, pathname, search) : null;
  const content = !match ? <NotFound pathname={pathname} /> : (blocked ?? match.route.page(match.params));

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="shell-header">
        <div className="shell-bar">
          <h1 className="brand">
            <Link to="/" className="brand-link">
              <img className="brand-logo" src="/favicon.svg" alt="" width="32" height="32" />
              {PRODUCT}
            </Link>
          </h1>
          <Navigation />
        </div>
      </header>

      <main id="main" className="shell-main" ref={mainRef} tabIndex={-1}>
        {version.status === 'error' && (
          <div className="alert" role="alert" data-testid="version-error">
            <strong>Could not load the server version.</strong> {describeVersionError(version.error)}
          </div>
        )}
        <PageBoundary pathname={pathname}>{content}</PageBoundary>
      </main>

      <footer className="shell-footer">
        <VersionFooter state={version} />
      </footer>
    </div>
  );
}

export function Shell() {
  return (
    <SessionProvider>
      <Frame />
    </SessionProvider>
  );
}
