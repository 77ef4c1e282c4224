// A video lesson opened by its address starts loading its video as soon as the lesson's answer
// and hls.js are there, while React and the page are still loading: the playlists and the first
// segment arrive in parallel with the app instead of after it (bench/media-pipeline, page load to
// the first frame). The player takes the instance when it renders (hls_setup.ts).
import Hls from 'hls.js/light';
import type { Schemas } from '../api/client.ts';
import { startEarlyHls } from './hls_setup.ts';

export function startLessonVideo(lesson: Schemas['LearnerLesson']): void {
  const playback = lesson.playback;
  if (lesson.kind !== 'video' || playback?.status !== 'ready' || !playback.master_url) return;
  // Without Media Source Extensions the player hands the URL to the browser's own HLS.
  if (!Hls.isSupported()) return;
  // The player starts from the same point: the stored resume position.
  const startSeconds = (lesson.position_ms ?? 0) / 1000;
  startEarlyHls(Hls, playback.master_url, startSeconds);
}
