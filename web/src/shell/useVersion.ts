import { useEffect, useState } from 'react';
import { ApiError, ClientErrorCode, getVersion, type VersionInfo } from '../api/client.ts';

export type VersionState =
  | { status: 'loading' }
  | { status: 'ready'; info: VersionInfo }
  | { status: 'error'; error: ApiError };

/** Fetches the server's build information once. */
export function useVersion(): VersionState {
  const [state, setState] = useState<VersionState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    getVersion({ signal: controller.signal }).then(
      (info) => setState({ status: 'ready', info }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error =
          err instanceof ApiError
            ? err
            : new ApiError({
                type: 'about:blank',
                title: 'Unexpected error',
                status: 0,
                code: ClientErrorCode.Network,
                detail: err instanceof Error ? err.message : String(err),
              });
        setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, []);

  return state;
}

/** `v0.1.0 (abc1234)`; the commit is shortened and left out when unknown. */
export function formatVersion(info: VersionInfo): string {
  const version = /^v\d/.test(info.version) ? info.version : `v${info.version}`;
  const commit = info.commit.trim();
  if (commit === '' || commit === 'unknown') return version;
  const short = /^[0-9a-f]{8,}$/i.test(commit) ? commit.slice(0, 7) : commit;
  return `${version} (${short})`;
}

/** A sentence a person can act on, with the details support will ask for. */
export function describeVersionError(error: ApiError): string {
  const facts =
    error.status === 0 ? [`code ${error.code}`] : [`HTTP ${error.status}`, `code ${error.code}`];
  if (error.requestId) facts.push(`request id ${error.requestId}`);
  const what = error.status === 0 ? 'The server could not be reached' : error.title;
  const detail = error.detail && error.detail !== error.title ? `: ${error.detail}` : '';
  return `${what}${detail} (${facts.join(', ')}).`;
}
