// Who is signed in, for the whole app: `GET /api/v1/me` once, again after sign-in and sign-out.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, type Me } from '../api/client.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed_out' }
  | { status: 'signed_in'; me: Me }
  | { status: 'error'; error: ApiError };

interface SessionContextValue {
  state: SessionState;
  /** Re-reads `GET /api/v1/me`; resolves with the new state. */
  refresh: () => Promise<SessionState>;
  /** `DELETE /api/v1/auth/sessions/current`, then forgets the account. */
  signOut: () => Promise<void>;
  /** Forget the account locally (after signing out everywhere). */
  forget: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function loadMe(): Promise<SessionState> {
  try {
    const me = await api.get('/api/v1/me');
    return { status: 'signed_in', me };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return { status: 'signed_out' };
    if (err instanceof ApiError) return { status: 'error', error: err };
    throw err;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const refresh = useCallback(async () => {
    const next = await loadMe();
    setState(next);
    return next;
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.delete('/api/v1/auth/sessions/current');
    } catch (err) {
      // Already signed out elsewhere: that is what was asked for.
      if (!(err instanceof ApiError && err.status === 401)) throw err;
    }
    setState({ status: 'signed_out' });
  }, []);
  const forget = useCallback(() => setState({ status: 'signed_out' }), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const value = useMemo(() => ({ state, refresh, signOut, forget }), [state, refresh, signOut, forget]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in account; only for pages the shell shows to signed-in users. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed_in') throw new Error('useMe on a page for signed-in users only');
  return state.me;
}

/** The `token` in the address's fragment (`#token=…`), where emailed links carry it. */
export function readFragmentToken(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
}

/** Removes the fragment from the address bar, so the token is not kept in history. */
export function dropFragment(): void {
  if (window.location.hash) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}
