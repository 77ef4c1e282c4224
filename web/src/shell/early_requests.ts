// The first page's requests, started while the rest of the app is still being evaluated: without
// this, a lesson page's requests left only after React had started and the session was known
// (bench/media-pipeline: page load to a video's first frame). main.tsx imports this module first;
// the API client hands each answer to the first call that asks for the same URL.
import { API_BASE, buildUrl, startEarlyGet, startEarlyRead, type Schemas } from '../api/client.ts';

startEarlyGet(`${API_BASE}/me`);
startEarlyGet(`${API_BASE}/version`);

const lessonPath = /^\/learn\/lessons\/([^/]+)\/?$/.exec(window.location.pathname);
if (lessonPath?.[1]) {
  let lesson: Promise<unknown> = Promise.resolve(null);
  try {
    lesson = startEarlyRead(buildUrl(`${API_BASE}/learn/lessons/{lesson_id}`, { lesson_id: decodeURIComponent(lessonPath[1]) }));
  } catch {
    // A malformed address: the page reports it.
  }
  // The page's code loads alongside, and so does the early start (with hls.js where the browser
  // has no HLS of its own): a video lesson's video starts loading once the lesson's answer is
  // there, before the page is rendered (media/early_start.ts).
  void import('../learn/lesson.tsx');
  void Promise.all([lesson, import('../media/early_start.ts')])
    .then(([answer, { startLessonVideo }]) =>
      answer ? startLessonVideo(answer as Schemas['LearnerLesson']) : undefined,
    )
    .catch(() => {
      // The early start's chunk did not load: the player loads the video itself.
    });
}
