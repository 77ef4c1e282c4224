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

/** Go to an in-app path without reloading the page. */
export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search + window.location.hash) return;
  window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
