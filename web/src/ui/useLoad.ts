import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api/client.ts';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; message: string; error: unknown };

/** Loads data on mount and whenever `key` changes; `reload()` fetches it again. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    load(controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', message: errorMessage(error), error });
      },
    );
    return () => controller.abort();
    // `load` is re-created on every render; `key` says when the data really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}

export function isProblem(error: unknown, code: string): boolean {
  return error instanceof ApiError && error.code === code;
}
