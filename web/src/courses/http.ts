// Requests the shared typed client cannot make yet: edits that carry If-Match (and need the ETag
// of the answer), PUT, and routes another slice implements (enrolment). Failures become the same
// ApiError as everywhere else. Worth folding into api/client.ts once every slice needs them.
import { ApiError, ClientErrorCode, type Schemas } from '../api/client.ts';

export type CourseEditor = Schemas['CourseEditor'];
export type EditorSection = Schemas['EditorSection'];
export type EditorLesson = Schemas['EditorLesson'];
export type CatalogCourse = Schemas['CatalogCourse'];
export type CatalogPage = Schemas['CatalogPage'];
export type Skill = Schemas['Skill'];
export type PublishProblem = Schemas['PublishProblem'];

/** A failed publish: the problem plus the list of what to fix. */
export class PublishError extends ApiError {
  constructor(
    problem: ConstructorParameters<typeof ApiError>[0],
    readonly problems: PublishProblem[],
  ) {
    super(problem);
  }
}

export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  ifMatch?: string,
): Promise<{ body: T; etag: string | null }> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch) headers['If-Match'] = ifMatch;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (err) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Could not reach the server',
      status: 0,
      code: ClientErrorCode.Network,
      detail: err instanceof Error ? err.message : String(err),
    });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const p = (parsed ?? {}) as Record<string, unknown>;
    const problem = {
      type: typeof p.type === 'string' ? p.type : 'about:blank',
      title: typeof p.title === 'string' ? p.title : `HTTP ${response.status}`,
      status: response.status,
      code: typeof p.code === 'string' ? p.code : ClientErrorCode.Http,
      ...(typeof p.detail === 'string' ? { detail: p.detail } : {}),
    };
    if (Array.isArray(p.problems)) throw new PublishError(problem, p.problems as PublishProblem[]);
    throw new ApiError(problem);
  }
  return { body: parsed as T, etag: response.headers.get('ETag') };
}

/** The editor's view of a course with its ETag (sent back as If-Match on edits). */
export async function loadCourse(id: string, signal?: AbortSignal): Promise<{ course: CourseEditor; etag: string }> {
  const response = await fetch(`/api/v1/courses/${encodeURIComponent(id)}`, {
    headers: { Accept: 'application/json, application/problem+json' },
    credentials: 'same-origin',
    ...(signal ? { signal } : {}),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new ApiError({
      type: String(body.type ?? 'about:blank'),
      title: String(body.title ?? `HTTP ${response.status}`),
      status: response.status,
      code: String(body.code ?? ClientErrorCode.Http),
      ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
    });
  }
  return { course: body as unknown as CourseEditor, etag: response.headers.get('ETag') ?? '' };
}

export function courseUrl(id: string, rest = ''): string {
  return `/api/v1/courses/${encodeURIComponent(id)}${rest}`;
}
