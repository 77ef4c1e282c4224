// Minimal client-side navigation (History API), until the app needs a router.
// The server answers every non-API path with index.html, so any URL the
// shell pushes here can also be loaded directly or reloaded.
import { useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'skillnexus:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function getPathname(): string {
  return window.location.pathname;
}

/** The current path, re-rendering on navigation and back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPathname, () => '/');
}

// Before the app shows another path, what that path needs is made ready (its page's code, see
// routes.tsx): the current page stays in place meanwhile, instead of a "Loading…" in its stead.
let preparePath: (pathname: string) => Promise<unknown> = () => Promise.resolve();
let latestChange = 0;

export function setPathPreparer(prepare: (pathname: string) => Promise<unknown>): void {
  preparePath = prepare;
}

function changePath(to: string, change: (to: string) => void): void {
  const ticket = ++latestChange;
  const show = () => {
    if (ticket !== latestChange) return; // a later navigation wins
    change(to);
    window.dispatchEvent(new Event(NAVIGATE_EVENT));
  };
  preparePath(new URL(to, window.location.href).pathname).then(show, show);
}

/** Go to an in-app path without reloading the page. */
export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search + window.location.hash) return;
  changePath(to, (path) => window.history.pushState(null, '', path));
}

function getSearch(): string {
  return window.location.search;
}

/** The current query string (`?a=b`, or ''), re-rendering on navigation. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, getSearch, () => '');
}

/** Replace the current entry (no new history step), e.g. to drop a token from the fragment. */
export function replace(to: string): void {
  changePath(to, (path) => window.history.replaceState(null, '', path));
}

/** Who may see a page; the shell enforces it before rendering. */
export type PageAccess = 'anyone' | 'signed_out' | 'signed_in' | 'admin';

export interface RouteDef<Page> {
  /** `/admin/groups/:id`: literal segments and `:named` ones. */
  pattern: string;
  access: PageAccess;
  title: string;
  page: Page;
}

export interface RouteMatch<Page> {
  route: RouteDef<Page>;
  params: Record<string, string>;
}

/** The first route whose pattern matches `pathname` (trailing slash ignored). */
export function matchRoute<Page>(
  routes: readonly RouteDef<Page>[],
  pathname: string,
): RouteMatch<Page> | null {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.pattern.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const want = pattern[i] ?? '';
      const got = parts[i] ?? '';
      if (want.startsWith(':')) {
        try {
          params[want.slice(1)] = decodeURIComponent(got);
        } catch {
          ok = false;
        }
      } else {
        ok = want === got;
      }
    }
    if (ok) return { route, params };
  }
  return null;
}

/** A safe in-app path to come back to after signing in (never another site). */
export function safeReturnPath(value: string | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
