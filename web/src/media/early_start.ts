// A video lesson opened by its address starts its video as soon as the lesson's answer is there
// (and hls.js, in a browser without its own HLS), while the app and the page are still loading:
// the playlists, the first segment and its decoding happen alongside them instead of after them
// (bench/media-pipeline, page load to the first frame). The player adopts the element when it
// renders (video_setup.ts).
import type { Schemas } from '../api/client.ts';
import { playsHlsNatively, startEarlyVideo } from './video_setup.ts';

// hls.js is fetched as this module loads, alongside the lesson's answer, where it will be needed
// (undefined if it cannot be loaded: the player reports that).
const hlsLoading = playsHlsNatively()
  ? null
  : import('hls.js/light').then(
      (module) => module.default,
      () => undefined,
    );

export async function startLessonVideo(lesson: Schemas['LearnerLesson']): Promise<void> {
  const playback = lesson.playback;
  if (lesson.kind !== 'video' || playback?.status !== 'ready' || !playback.master_url) return;
  // The player starts from the same point: the stored resume position.
  const startSeconds = (lesson.position_ms ?? 0) / 1000;
  if (!hlsLoading) {
    startEarlyVideo(null, playback.master_url, playback.poster_url, startSeconds);
    return;
  }
  const Hls = await hlsLoading;
  // Neither the browser's HLS nor Media Source Extensions (or no hls.js): the player says so.
  if (Hls?.isSupported()) startEarlyVideo(Hls, playback.master_url, playback.poster_url, startSeconds);
}
