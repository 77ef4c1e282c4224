// The one typed client for the SkillNexus HTTP API.
//
// Paths, parameters and bodies come from the OpenAPI document
// (api/openapi.yaml → schema.d.ts, `npm run gen:api`), so a call that does not
// match the contract does not compile. Successful responses are JSON. Failed
// responses are RFC 9457 `application/problem+json` bodies; every failure —
// including network errors and malformed responses — surfaces as an `ApiError`.

import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type VersionInfo = Schemas['VersionInfo'];
export type Me = Schemas['Me'];
export type Role = Schemas['Role'];
export type User = Schemas['User'];
export type UserDetail = Schemas['UserDetail'];
export type UserStatus = Schemas['UserStatus'];
export type Group = Schemas['Group'];
export type AuditEvent = Schemas['AuditEvent'];
export type Session = Schemas['Session'];
export type ImportMode = Schemas['ImportMode'];
export type ImportReport = Schemas['ImportReport'];
export type ErrorCode = Schemas['ErrorCode'];
export type EnrolmentImportReport = Schemas['EnrolmentImportReport'];

export const API_BASE = '/api/v1';

/**
 * RFC 9457 problem details, as the server sends them (`code` is one of
 * `ErrorCode`, or a `ClientErrorCode` made up here).
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  request_id?: string;
  /** Extension members of the document beyond the ones above (a publish's `problems`). */
  members?: Record<string, unknown>;
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
  /** The problem's extension members (for example a failed publish's `problems`). */
  readonly members: Record<string, unknown>;

  constructor(problem: Problem, options?: { cause?: unknown }) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title, options);
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.requestId = problem.request_id;
    this.members = problem.members ?? {};
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** Fired on `window` when the server says an admin must enrol in MFA first; the shell listens. */
export const MFA_ENROLMENT_REQUIRED_EVENT = 'skillnexus:mfa-enrolment-required';

// ---- Types derived from the generated `paths` --------------------------------------------

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The paths that have an operation for `M`. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends { [K in M]: infer O } ? ([O] extends [never] ? never : O extends undefined ? never : P) : never;
}[keyof paths];

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON request body of an operation (`never` when it takes none). */
export type RequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer R } ? JsonContent<NonNullable<R>> : never;

type SuccessStatus = 200 | 201 | 202 | 204;

/** The body of a successful answer (`undefined` for 204). */
export type ResponseBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? {
        [S in keyof R & SuccessStatus]: S extends 204 ? undefined : JsonContent<R[S]>;
      }[keyof R & SuccessStatus]
    : never;

type ParamsOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: infer Q } ? Q : never;

type PathParams<P extends keyof paths, M extends Method> =
  ParamsOf<P, M> extends { path: infer X } ? X : never;
type QueryParams<P extends keyof paths, M extends Method> =
  ParamsOf<P, M> extends { query?: infer X } ? NonNullable<X> : never;

export type CallOptions<P extends keyof paths, M extends Method> = {
  signal?: AbortSignal;
  /** Sent as If-Match: the ETag the edit was based on (412 when someone else changed it since). */
  ifMatch?: string;
  /** Lets the request outlive the page (fetch `keepalive`): a last report sent on leaving it. */
  keepalive?: boolean;
} & ([PathParams<P, M>] extends [never] ? { path?: never } : { path: PathParams<P, M> }) &
  ([QueryParams<P, M>] extends [never] ? { query?: never } : { query?: QueryParams<P, M> }) &
  ([RequestBody<P, M>] extends [never] ? { body?: never } : { body: RequestBody<P, M> });

export interface RequestOptions {
  signal?: AbortSignal;
}

// ---- The request itself ------------------------------------------------------------------

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
  const { type, title, status: _status, code, detail: _detail, request_id: _requestId, instance: _instance, ...members } = body;
  return {
    type: optionalString(type) ?? base.type,
    title: optionalString(title) ?? base.title,
    status: typeof body.status === 'number' ? body.status : status,
    code: optionalString(code) ?? base.code,
    ...(detail !== undefined ? { detail } : {}),
    ...(requestId !== undefined ? { request_id: requestId } : {}),
    members,
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

/** `/api/v1/users/{id}` + `{id: 'x'}` + `{q: 'a'}` → `/api/v1/users/x?q=a`. */
export function buildUrl(
  template: string,
  pathParams?: Record<string, string | number>,
  query?: Record<string, string | number | boolean | null | undefined>,
): string {
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = pathParams?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    // Empty filters are left out rather than sent as `q=`.
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RawRequest {
  method: string;
  url: string;
  body?: { contentType: string; text: string };
  signal?: AbortSignal | undefined;
  ifMatch?: string | undefined;
  keepalive?: boolean | undefined;
}

const ACCEPT = 'application/json, application/problem+json';

/** How long a GET started early waits for the call that takes it; later calls ask afresh. */
const EARLY_GET_TTL_MS = 10_000;
const earlyGets = new Map<string, { startedAt: number; response: Promise<Response> }>();

/**
 * Starts `GET url` now, before the code that needs it runs (see shell/early_requests.ts); the
 * first GET of the same URL through this client within EARLY_GET_TTL_MS takes its answer.
 */
export function startEarlyGet(url: string): Promise<Response> {
  const started = earlyGets.get(url);
  if (started) return started.response;
  const response = fetch(url, { headers: { Accept: ACCEPT }, credentials: 'same-origin' });
  response.catch(() => {}); // a failure is reported to the call that takes it, if any
  earlyGets.set(url, { startedAt: Date.now(), response });
  return response;
}

/**
 * startEarlyGet, and a copy of the answer's JSON body (null for a failure) for code that acts on
 * it before the app asks for it: the call that takes the answer still reads the original.
 */
export function startEarlyRead(url: string): Promise<unknown> {
  // The copy is made as the answer arrives, before anyone can have read the original's body.
  return startEarlyGet(url)
    .then((response) => (response.ok ? response.clone().json() : null))
    .catch(() => null);
}

function takeEarlyGet(raw: RawRequest): Promise<Response> | null {
  if (raw.method !== 'GET' || raw.ifMatch) return null;
  const early = earlyGets.get(raw.url);
  if (!early) return null;
  earlyGets.delete(raw.url);
  return Date.now() - early.startedAt <= EARLY_GET_TTL_MS ? early.response : null;
}

async function send(raw: RawRequest): Promise<{ response: Response; body: unknown }> {
  let response: Response;
  const headers: Record<string, string> = { Accept: ACCEPT };
  if (raw.body) headers['Content-Type'] = raw.body.contentType;
  if (raw.ifMatch) headers['If-Match'] = raw.ifMatch;
  try {
    response = await (takeEarlyGet(raw) ??
      fetch(raw.url, {
        method: raw.method,
        headers,
        credentials: 'same-origin',
        ...(raw.body ? { body: raw.body.text } : {}),
        ...(raw.signal ? { signal: raw.signal } : {}),
        ...(raw.keepalive ? { keepalive: true } : {}),
      }));
  } catch (err) {
    // Let callers tell a deliberate abort apart from a failure.
    if (raw.signal?.aborted) throw err;
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
    const error = new ApiError(problemFrom(response.status, response.statusText, body));
    if (error.code === 'mfa_enrolment_required' && typeof window !== 'undefined') {
      window.dispatchEvent(new CustomEvent(MFA_ENROLMENT_REQUIRED_EVENT, { detail: error }));
    }
    throw error;
  }
  if (response.status !== 204 && !isRecord(body)) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response from the server',
      status: response.status,
      code: ClientErrorCode.InvalidResponse,
      detail: `${raw.method} ${raw.url} did not return a JSON object`,
    });
  }
  return { response, body };
}

async function callWithEtag<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  options: CallOptions<P, M>,
): Promise<{ body: ResponseBody<P, M>; etag: string | null }> {
  const opts = options as {
    signal?: AbortSignal;
    ifMatch?: string;
    keepalive?: boolean;
    path?: Record<string, string>;
    query?: Record<string, string | number | boolean | null | undefined>;
    body?: unknown;
    /** A non-JSON body (`apiText`). */
    text?: { contentType: string; text: string };
  };
  const url = buildUrl(path, opts.path, opts.query);
  const { response, body } = await send({
    method: method.toUpperCase(),
    url,
    ...(opts.text
      ? { body: opts.text }
      : opts.body !== undefined
        ? { body: { contentType: 'application/json', text: JSON.stringify(opts.body) } }
        : {}),
    signal: opts.signal,
    ifMatch: opts.ifMatch,
    keepalive: opts.keepalive,
  });
  return {
    body: (response.status === 204 ? undefined : body) as ResponseBody<P, M>,
    etag: response.headers.get('ETag'),
  };
}

async function call<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  options: CallOptions<P, M>,
): Promise<ResponseBody<P, M>> {
  return (await callWithEtag(method, path, options)).body;
}

type Args<P extends keyof paths, M extends Method> =
  {} extends CallOptions<P, M> ? [options?: CallOptions<P, M>] : [options: CallOptions<P, M>];

/** Typed calls: `api.get('/api/v1/me')`, `api.post('/api/v1/auth/sessions', { body })`. */
export const api = {
  get<P extends PathsWith<'get'>>(path: P, ...[options]: Args<P, 'get'>) {
    return call('get', path, (options ?? {}) as CallOptions<P, 'get'>);
  },
  post<P extends PathsWith<'post'>>(path: P, ...[options]: Args<P, 'post'>) {
    return call('post', path, (options ?? {}) as CallOptions<P, 'post'>);
  },
  put<P extends PathsWith<'put'>>(path: P, ...[options]: Args<P, 'put'>) {
    return call('put', path, (options ?? {}) as CallOptions<P, 'put'>);
  },
  patch<P extends PathsWith<'patch'>>(path: P, ...[options]: Args<P, 'patch'>) {
    return call('patch', path, (options ?? {}) as CallOptions<P, 'patch'>);
  },
  delete<P extends PathsWith<'delete'>>(path: P, ...[options]: Args<P, 'delete'>) {
    return call('delete', path, (options ?? {}) as CallOptions<P, 'delete'>);
  },
};

/** The same calls answering `{ body, etag }`: for what is edited later with If-Match. */
export const apiWithEtag = {
  get<P extends PathsWith<'get'>>(path: P, ...[options]: Args<P, 'get'>) {
    return callWithEtag('get', path, (options ?? {}) as CallOptions<P, 'get'>);
  },
  post<P extends PathsWith<'post'>>(path: P, ...[options]: Args<P, 'post'>) {
    return callWithEtag('post', path, (options ?? {}) as CallOptions<P, 'post'>);
  },
  put<P extends PathsWith<'put'>>(path: P, ...[options]: Args<P, 'put'>) {
    return callWithEtag('put', path, (options ?? {}) as CallOptions<P, 'put'>);
  },
  patch<P extends PathsWith<'patch'>>(path: P, ...[options]: Args<P, 'patch'>) {
    return callWithEtag('patch', path, (options ?? {}) as CallOptions<P, 'patch'>);
  },
  delete<P extends PathsWith<'delete'>>(path: P, ...[options]: Args<P, 'delete'>) {
    return callWithEtag('delete', path, (options ?? {}) as CallOptions<P, 'delete'>);
  },
};

/** The media types of an operation's request body other than JSON (`text/vtt`, `text/csv`…). */
export type TextBodyType<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer R }
    ? NonNullable<R> extends { content: infer C }
      ? Exclude<keyof C & string, 'application/json'>
      : never
    : never;

/** The options of a call whose body is text in one of the operation's own media types. */
export type TextCallOptions<P extends keyof paths, M extends Method> = Omit<CallOptions<P, M>, 'body'> & {
  contentType: TextBodyType<P, M>;
  text: string;
};

function callWithText<P extends keyof paths, M extends Method>(method: M, path: P, options: TextCallOptions<P, M>) {
  const { contentType, text, ...rest } = options;
  return call(method, path, { ...rest, text: { contentType, text } } as unknown as CallOptions<P, M>);
}

/**
 * Typed calls whose request body is not JSON (a WebVTT file, …): the media type must be one the
 * operation takes. `apiText.put('/api/v1/media/{id}/captions/{language}', { path, contentType: 'text/vtt', text })`.
 */
export const apiText = {
  post<P extends PathsWith<'post'>>(path: P, options: TextCallOptions<P, 'post'>) {
    return callWithText('post', path, options);
  },
  put<P extends PathsWith<'put'>>(path: P, options: TextCallOptions<P, 'put'>) {
    return callWithText('put', path, options);
  },
};

function isVersionInfo(body: unknown): body is VersionInfo {
  return (
    isRecord(body) &&
    typeof body.version === 'string' &&
    typeof body.commit === 'string' &&
    typeof body.build_time === 'string'
  );
}

/** `GET /api/v1/version`: build information of the running server. */
export async function getVersion(options?: RequestOptions): Promise<VersionInfo> {
  const info = await api.get('/api/v1/version', options?.signal ? { signal: options.signal } : {});
  if (!isVersionInfo(info)) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response from the server',
      status: 200,
      code: ClientErrorCode.InvalidResponse,
      detail: `GET ${API_BASE}/version returned a body of the wrong shape`,
    });
  }
  return info;
}

/** The query of `POST /api/v1/admin/users/import`. */
type ImportQuery = NonNullable<paths['/api/v1/admin/users/import']['post']['parameters']['query']>;

/** `POST /api/v1/admin/users/import`: the body is CSV text, not JSON. */
export async function importUsers(
  csv: string,
  query: ImportQuery,
  options?: RequestOptions,
): Promise<ImportReport> {
  const { body } = await send({
    method: 'POST',
    url: buildUrl('/api/v1/admin/users/import', undefined, query),
    body: { contentType: 'text/csv', text: csv },
    signal: options?.signal,
  });
  return body as ImportReport;
}

/** The query of `POST /api/v1/courses/{id}/enrolments/import`. */
type EnrolmentImportQuery = NonNullable<paths['/api/v1/courses/{id}/enrolments/import']['post']['parameters']['query']>;

/** `POST /api/v1/courses/{id}/enrolments/import`: the body is CSV text, not JSON. */
export async function importEnrolments(
  courseId: string,
  csv: string,
  query: EnrolmentImportQuery,
  options?: RequestOptions,
): Promise<EnrolmentImportReport> {
  const { body } = await send({
    method: 'POST',
    url: buildUrl('/api/v1/courses/{id}/enrolments/import', { id: courseId }, query),
    body: { contentType: 'text/csv', text: csv },
    signal: options?.signal,
  });
  return body as EnrolmentImportReport;
}

/** A sentence for an error, next to the form that caused it. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.detail ?? err.title;
  return err instanceof Error ? err.message : String(err);
}
