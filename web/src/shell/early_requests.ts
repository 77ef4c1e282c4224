// The first page's requests, started while the rest of the app is still being evaluated: without
// this, a lesson page's requests left only after React had started and the session was known
// (bench/media-pipeline: page load to a video's first frame). main.tsx imports this module first;
// the API client hands each answer to the first call that asks for the same URL.
import { API_BASE, buildUrl, startEarlyGet } from '../api/client.ts';

startEarlyGet(`${API_BASE}/me`);
startEarlyGet(`${API_BASE}/version`);

const lessonPath = /^\/learn\/lessons\/([^/]+)\/?$/.exec(window.location.pathname);
if (lessonPath?.[1]) {
  try {
    startEarlyGet(buildUrl(`${API_BASE}/learn/lessons/{lesson_id}`, { lesson_id: decodeURIComponent(lessonPath[1]) }));
  } catch {
    // A malformed address: the page reports it.
  }
  // The page's code and the player's load alongside (a video lesson needs hls.js; another kind
  // ignores it).
  void import('../learn/lesson.tsx');
  void import('hls.js/light');
}
