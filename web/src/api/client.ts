// The one typed client for the SkillNexus HTTP API (mounted under /api/v1).
//
// Successful responses are JSON. Failed responses are RFC 9457
// `application/problem+json` bodies; every failure — including network errors
// and malformed responses — surfaces as an `ApiError`.

export const API_BASE = '/api/v1';

/** Body of `GET /api/v1/version`. */
export interface VersionInfo {
  version: string;
  commit: string;
  build_time: string;
}

/** RFC 9457 problem details, as the server sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  request_id?: string;
}

/** `code` values produced by the client itself, not by the server. */
export const ClientErrorCode = {
  /** The request never got an HTTP response (server down, connection reset…). */
  Network: 'network_error',
  /** An HTTP error whose body was not a problem+json document. */
  Http: 'http_error',
  /** A 2xx response whose body did not have the expected shape. */
  InvalidResponse: 'invalid_response',
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status, or 0 when no response was received. */
  readonly status: number;
  /** Machine-readable error code (the problem's `code`, or a `ClientErrorCode`). */
  readonly code: string;
  /** Short human-readable summary (the problem's `title`). */
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string;
  /** Server request id, to quote when reporting a problem. */
  readonly requestId: string | undefined;

  constructor(problem: Problem, options?: { cause?: unknown }) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title, options);
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.requestId = problem.request_id;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function problemFrom(status: number, statusText: string, body: unknown): Problem {
  const base: Problem = {
    type: 'about:blank',
    title: statusText || `HTTP ${status}`,
    status,
    code: ClientErrorCode.Http,
  };
  if (!isRecord(body)) return base;
  const detail = optionalString(body.detail);
  const requestId = optionalString(body.request_id);
  return {
    type: optionalString(body.type) ?? base.type,
    title: optionalString(body.title) ?? base.title,
    status: typeof body.status === 'number' ? body.status : status,
    code: optionalString(body.code) ?? base.code,
    ...(detail !== undefined ? { detail } : {}),
    ...(requestId !== undefined ? { request_id: requestId } : {}),
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function request<T>(
  path: string,
  validate: (body: unknown) => body is T,
  options: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: 'GET',
      headers: { Accept: 'application/json, application/problem+json' },
      credentials: 'same-origin',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    // Let callers tell a deliberate abort apart from a failure.
    if (options.signal?.aborted) throw err;
    throw new ApiError(
      {
        type: 'about:blank',
        title: 'Could not reach the server',
        status: 0,
        code: ClientErrorCode.Network,
        detail: err instanceof Error ? err.message : String(err),
      },
      { cause: err },
    );
  }

  const body = await readJson(response);
  if (!response.ok) {
    throw new ApiError(problemFrom(response.status, response.statusText, body));
  }
  if (!validate(body)) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response from the server',
      status: response.status,
      code: ClientErrorCode.InvalidResponse,
      detail: `GET ${API_BASE}${path} returned a body of the wrong shape`,
    });
  }
  return body;
}

function isVersionInfo(body: unknown): body is VersionInfo {
  return (
    isRecord(body) &&
    typeof body.version === 'string' &&
    typeof body.commit === 'string' &&
    typeof body.build_time === 'string'
  );
}

/** `GET /api/v1/version`: build information of the running server. */
export function getVersion(options?: RequestOptions): Promise<VersionInfo> {
  return request('/version', isVersionInfo, options);
}
