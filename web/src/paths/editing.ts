// Edits of a path send If-Match with the version the editor loaded, so two authors cannot
// overwrite each other silently (412 tells the second one to reload).
import { api, type RequestBody, type Schemas } from '../api/client.ts';

export type PathDetail = Schemas['PathDetail'];

/** The strong ETag the server gives a path at `version`. */
export function etagOf(path: Pick<PathDetail, 'version'>): string {
  return `"v${path.version}"`;
}

export function updatePath(path: PathDetail, body: RequestBody<'/api/v1/paths/{id}', 'patch'>): Promise<PathDetail> {
  return api.patch('/api/v1/paths/{id}', { path: { id: path.id }, body, ifMatch: etagOf(path) });
}

export function setPathCourses(path: PathDetail, courseIds: string[]): Promise<PathDetail> {
  return api.put('/api/v1/paths/{id}/courses', { path: { id: path.id }, body: { course_ids: courseIds }, ifMatch: etagOf(path) });
}
