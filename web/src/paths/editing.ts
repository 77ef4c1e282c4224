// Edits of a path send If-Match with the version the editor loaded, so two authors cannot
// overwrite each other silently (412 tells the second one to reload). The shared client has no
// headers option or PUT, so these two calls go through fetch here, typed from the same schema.
import { ApiError, type Schemas } from '../api/client.ts';
import type { paths } from '../api/schema';

export type PathDetail = Schemas['PathDetail'];
type PatchBody = NonNullable<paths['/api/v1/paths/{id}']['patch']['requestBody']>['content']['application/json'];
type CoursesBody = NonNullable<paths['/api/v1/paths/{id}/courses']['put']['requestBody']>['content']['application/json'];

/** The strong ETag the server gives a path at `version`. */
export function etagOf(path: Pick<PathDetail, 'version'>): string {
  return `"v${path.version}"`;
}

async function sendIfMatch(method: 'PATCH' | 'PUT', url: string, body: unknown, ifMatch: string): Promise<PathDetail> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Content-Type': 'application/json',
        'If-Match': ifMatch,
      },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Could not reach the server',
      status: 0,
      code: 'network_error',
      detail: err instanceof Error ? err.message : String(err),
    });
  }
  const parsed: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (parsed ?? {}) as { type?: string; title?: string; detail?: string; code?: string };
    throw new ApiError({
      type: problem.type ?? 'about:blank',
      title: problem.title ?? `HTTP ${response.status}`,
      status: response.status,
      code: problem.code ?? 'http_error',
      ...(problem.detail ? { detail: problem.detail } : {}),
    });
  }
  return parsed as PathDetail;
}

export function updatePath(path: PathDetail, body: PatchBody): Promise<PathDetail> {
  return sendIfMatch('PATCH', `/api/v1/paths/${encodeURIComponent(path.id)}`, body, etagOf(path));
}

export function setPathCourses(path: PathDetail, courseIds: CoursesBody['course_ids']): Promise<PathDetail> {
  return sendIfMatch('PUT', `/api/v1/paths/${encodeURIComponent(path.id)}/courses`, { course_ids: courseIds }, etagOf(path));
}
