import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from './Link.tsx';
import { usePathname } from './navigation.ts';
import { describeVersionError, formatVersion, useVersion, type VersionState } from './useVersion.ts';

const PRODUCT = 'SkillNexus';

interface Page {
  title: string;
  content: ReactNode;
}

function resolvePage(pathname: string): Page {
  if (pathname === '/' || pathname === '/index.html') {
    return {
      title: PRODUCT,
      content: (
        <section aria-labelledby="welcome-heading" className="card">
          <h2 id="welcome-heading">Welcome</h2>
          <p>
            {PRODUCT} is where you learn new skills, practise them and follow your progress.
            Courses are on their way.
          </p>
        </section>
      ),
    };
  }
  return {
    title: `Page not found · ${PRODUCT}`,
    content: (
      <section aria-labelledby="notfound-heading" className="card">
        <h2 id="notfound-heading">Page not found</h2>
        <p>
          There is nothing at <code className="path">{pathname}</code> yet.
        </p>
        <p>
          <Link to="/">Back to the home page</Link>
        </p>
      </section>
    ),
  };
}

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

export function Shell() {
  const pathname = usePathname();
  const version = useVersion();
  const page = resolvePage(pathname);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = page.title;
  }, [page.title]);

  // After in-app navigation, move focus to the new content (not on first load).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

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
          <nav aria-label="Main" className="shell-nav">
            <ul>
              <li>
                <Link to="/">Home</Link>
              </li>
            </ul>
          </nav>
        </div>
      </header>

      <main id="main" className="shell-main" ref={mainRef} tabIndex={-1}>
        {version.status === 'error' && (
          <div className="alert" role="alert" data-testid="version-error">
            <strong>Could not load the server version.</strong>{' '}
            {describeVersionError(version.error)}
          </div>
        )}
        {page.content}
      </main>

      <footer className="shell-footer">
        <VersionFooter state={version} />
      </footer>
    </div>
  );
}
