// A video lesson opened by its address starts its video as soon as the lesson's answer and hls.js
// are there, while the app and the page are still loading: the playlists, the first segment and
// its decoding happen alongside them instead of after them (bench/media-pipeline, page load to
// the first frame). The player adopts the element when it renders (video_setup.ts).
import Hls from 'hls.js/light';
import type { Schemas } from '../api/client.ts';
import { startEarlyVideo } from './video_setup.ts';

export function startLessonVideo(lesson: Schemas['LearnerLesson']): void {
  const playback = lesson.playback;
  if (lesson.kind !== 'video' || playback?.status !== 'ready' || !playback.master_url) return;
  // Without Media Source Extensions the player hands the URL to the browser's own HLS.
  if (!Hls.isSupported()) return;
  // The player starts from the same point: the stored resume position.
  const startSeconds = (lesson.position_ms ?? 0) / 1000;
  startEarlyVideo(Hls, playback.master_url, playback.poster_url, startSeconds);
}
