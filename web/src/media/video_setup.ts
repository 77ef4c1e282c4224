// How a video is set up for playing, in one place for the player (player.tsx) and for the early
// start of a video lesson opened by its address (early_start.ts): the <video> element and what
// feeds it, the browser's own HLS where it has it (Safari, Chrome), else an hls.js instance. The
// early start makes both while the app is still loading, so that the first frame is decoded by
// the time the page renders; the player then adopts the element into its screen instead of
// making its own. This module does not load hls.js itself (the caller passes it in): a browser
// that plays HLS itself never downloads it unless the learner picks a fixed quality.
import type HlsType from 'hls.js/light';
import type { ErrorData } from 'hls.js/light';
import { endMargin, startLevelFor, storedBandwidthEstimate } from './start.ts';

type Hls = typeof HlsType;

/** The player's <video> element (its controls are the player's own). */
export function createVideoElement(): HTMLVideoElement {
  const video = document.createElement('video');
  video.className = 'player-video';
  // The signed media may come from a CDN: fetched without cookies, it answers with CORS.
  video.crossOrigin = 'anonymous';
  video.playsInline = true;
  video.preload = 'metadata';
  return video;
}

/**
 * Whether the browser plays HLS itself. It is then the first choice: nothing to download, parse
 * and run before the playlists are requested (bench/media-pipeline: page load to the first frame),
 * and the browser's own buffering and rendition switching. hls.js stays for browsers without it
 * and for a quality the learner fixes (the browser's own HLS has no API to choose one).
 */
export function playsHlsNatively(): boolean {
  nativeHls ??= document.createElement('video').canPlayType('application/vnd.apple.mpegurl') !== '';
  return nativeHls;
}
let nativeHls: boolean | undefined;

/** Whether hls.js could play here (Media Source Extensions), without loading it to ask. */
export function hasMediaSource(): boolean {
  return typeof MediaSource !== 'undefined' || 'ManagedMediaSource' in window;
}

/**
 * Once a video has its metadata: moves it to `startSeconds` (the resume point), or to the
 * beginning when that is too close to the end, and returns where. hls.js is there already (its
 * `startPosition`); the browser's HLS starts at 0 and needs the seek.
 */
export function seekToStart(video: HTMLVideoElement, startSeconds: number): number {
  const end = Number.isFinite(video.duration) ? video.duration : Number.POSITIVE_INFINITY;
  const target = startSeconds > 0 && startSeconds < end - endMargin(end) ? startSeconds : 0;
  if (Math.abs(video.currentTime - target) > 0.5) video.currentTime = target;
  return target;
}

/**
 * An hls.js instance loading `masterUrl` from `startSeconds` (0: the beginning); while
 * `fixedHeight` gives a height (the learner's choice, read when the renditions are known), at
 * that rendition only instead of adapting.
 */
export function loadHls(Hls: Hls, masterUrl: string, startSeconds: number, fixedHeight = () => -1): HlsType {
  const estimate = storedBandwidthEstimate();
  const hls = new Hls({
    // Loading starts once the manifest has chosen the first rendition (below).
    autoStartLoad: false,
    ...(estimate ? { abrEwmaDefaultEstimate: estimate } : {}),
    // ABR from the second segment on, never above what the player's size can show.
    capLevelToPlayerSize: true,
    startPosition: startSeconds > 0 ? startSeconds : -1,
    // A minute behind the playhead is plenty to seek back into; frees memory on long videos.
    backBufferLength: 60,
  });
  hls.once(Hls.Events.MANIFEST_PARSED, (_event, data) => {
    // The first segment comes from the rendition the last measured bandwidth affords, the lowest
    // on a first visit, with no test segment before it: the smallest first segment is the
    // quickest first frame (hls.js would otherwise start at the master playlist's first, highest,
    // variant).
    const height = fixedHeight();
    const fixed = height > 0 ? data.levels.findIndex((level) => level.height === height) : -1;
    hls.startLevel = fixed >= 0 ? fixed : startLevelFor(data.levels, estimate);
    // A fixed level turns adaptation off until the learner picks automatic again.
    if (fixed >= 0) hls.loadLevel = fixed;
    hls.startLoad(hls.config.startPosition);
  });
  hls.loadSource(masterUrl);
  return hls;
}

/** A video started before its player: the element and what feeds it (null: the browser's HLS). */
export interface EarlyVideo {
  video: HTMLVideoElement;
  hls: HlsType | null;
}

/** Stops loading a video nobody shows. */
export function releaseVideo({ video, hls }: EarlyVideo): void {
  if (hls) {
    hls.destroy();
  } else {
    video.removeAttribute('src');
    video.load();
  }
}

interface EarlyStart extends EarlyVideo {
  masterUrl: string;
  startSeconds: number;
  failed: boolean;
  timer: number;
  // Ends the early start's own watch and limits once the player has the video.
  handOver: () => void;
}

/** How long an early start waits for its player (the learner may have left the page). */
const UNCLAIMED_MS = 30_000;
let early: EarlyStart | null = null;
// Once a player has asked (it may render before hls.js arrives), an early start would only load
// the video a second time.
let playerAsked = false;

/**
 * Starts playing `masterUrl` from `startSeconds` into an element of its own (not yet in the
 * page) for the player that will show it, unless a player has asked already: through hls.js when
 * `Hls` is given, else the browser's own HLS.
 */
export function startEarlyVideo(Hls: Hls | null, masterUrl: string, posterUrl: string | undefined, startSeconds: number): void {
  if (playerAsked || early) return;
  const video = createVideoElement();
  if (posterUrl) video.poster = posterUrl;
  const started: EarlyStart = {
    video,
    hls: null,
    masterUrl,
    startSeconds,
    failed: false,
    timer: window.setTimeout(() => {
      const unclaimed = unclaim();
      if (unclaimed) releaseVideo(unclaimed);
    }, UNCLAIMED_MS),
    handOver: () => {},
  };
  // The player listens from when it takes the video: an error before that (a refused link, a
  // failed playlist) makes it start afresh rather than inherit a broken one.
  if (Hls) {
    const hls = loadHls(Hls, masterUrl, startSeconds);
    // Only the first segment until the player shows the video: an element outside the page has
    // no size to cap the rendition by, and the learner may never press play.
    const bufferSeconds = hls.config.maxMaxBufferLength;
    hls.config.maxMaxBufferLength = 1;
    hls.attachMedia(video);
    const onError = (_event: unknown, data: ErrorData) => {
      if (data.fatal || data.response?.code === 403) started.failed = true;
    };
    hls.on(Hls.Events.ERROR, onError);
    started.hls = hls;
    started.handOver = () => {
      hls.off(Hls.Events.ERROR, onError);
      hls.config.maxMaxBufferLength = bufferSeconds;
    };
  } else {
    // `preload="metadata"` asks the browser to load little until the learner plays (a hint: the
    // browser's HLS has no limit like hls.js's above).
    const onError = () => {
      started.failed = true;
    };
    // From the resume point once the metadata is there; after the hand-over the player does it.
    const onMetadata = () => seekToStart(video, startSeconds);
    video.addEventListener('error', onError);
    video.addEventListener('loadedmetadata', onMetadata, { once: true });
    video.src = masterUrl;
    started.handOver = () => {
      video.removeEventListener('error', onError);
      video.removeEventListener('loadedmetadata', onMetadata);
    };
  }
  early = started;
}

function unclaim(): EarlyStart | null {
  const taken = early;
  early = null;
  if (taken) {
    window.clearTimeout(taken.timer);
    taken.handOver();
  }
  return taken;
}

/**
 * The video started early for `masterUrl` from `startSeconds`, for the player to show through
 * hls.js or (`native`) the browser's HLS; null when there is none or it does not fit (then the
 * player makes its own).
 */
export function takeEarlyVideo(masterUrl: string, startSeconds: number, native: boolean): EarlyVideo | null {
  playerAsked = true;
  const taken = unclaim();
  if (!taken) return null;
  const fits = taken.masterUrl === masterUrl && taken.startSeconds === startSeconds && (taken.hls === null) === native;
  if (taken.failed || !fits) {
    releaseVideo(taken);
    return null;
  }
  return { video: taken.video, hls: taken.hls };
}
