// How every hls.js instance of the app is made, and how one started before its player exists is
// handed over: a lesson page opened by its address starts its video while the app is still
// loading (early_start.ts), and the player (player.tsx) takes that instance instead of making
// its own. This module does not load hls.js itself (the caller passes it in): the player's chunk
// stays small for pages that never play a video.
import type HlsType from 'hls.js/light';
import type { ErrorData } from 'hls.js/light';
import { startLevelFor, storedBandwidthEstimate } from './start.ts';

type Hls = typeof HlsType;

/**
 * An hls.js instance loading `masterUrl` from `startSeconds` (0: the beginning), not yet attached
 * to a <video>: until it is, it fetches the playlists and the first segment (startFragPrefetch),
 * so that the first frame needs only the element's own work once it exists.
 */
export function loadHls(Hls: Hls, masterUrl: string, startSeconds: number): HlsType {
  const estimate = storedBandwidthEstimate();
  const hls = new Hls({
    // Loading starts once the manifest has chosen the first rendition (below).
    autoStartLoad: false,
    startFragPrefetch: true,
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
    hls.startLevel = startLevelFor(data.levels, estimate);
    hls.startLoad(hls.config.startPosition);
  });
  hls.loadSource(masterUrl);
  return hls;
}

interface EarlyStart {
  masterUrl: string;
  startSeconds: number;
  hls: HlsType;
  failed: boolean;
  timer: number;
  stopWatching: () => void;
}

/** How long an early start waits for its player (the learner may have left the page). */
const UNCLAIMED_MS = 30_000;
let early: EarlyStart | null = null;
// Once a player has asked (it may render before hls.js arrives), an early start would only load
// the video a second time.
let playerAsked = false;

/**
 * Starts loading `masterUrl` from `startSeconds` for the player that will show it, unless a
 * player has asked already.
 */
export function startEarlyHls(Hls: Hls, masterUrl: string, startSeconds: number): void {
  if (playerAsked || early) return;
  const hls = loadHls(Hls, masterUrl, startSeconds);
  // The player listens from when it takes the instance: an error before that (a refused link, a
  // failed playlist) makes it start afresh rather than inherit a broken instance.
  const onError = (_event: unknown, data: ErrorData) => {
    if (data.fatal || data.response?.code === 403) started.failed = true;
  };
  const started: EarlyStart = {
    masterUrl,
    startSeconds,
    hls,
    failed: false,
    timer: window.setTimeout(() => unclaim()?.hls.destroy(), UNCLAIMED_MS),
    stopWatching: () => hls.off(Hls.Events.ERROR, onError),
  };
  hls.on(Hls.Events.ERROR, onError);
  early = started;
}

function unclaim(): EarlyStart | null {
  const taken = early;
  early = null;
  if (taken) {
    window.clearTimeout(taken.timer);
    taken.stopWatching();
  }
  return taken;
}

/**
 * The instance started early for `masterUrl` from `startSeconds`, for the player to attach to its
 * <video>; null when there is none or it does not fit (then the player makes its own).
 */
export function takeEarlyHls(masterUrl: string, startSeconds: number): HlsType | null {
  playerAsked = true;
  const taken = unclaim();
  if (!taken) return null;
  if (taken.failed || taken.masterUrl !== masterUrl || taken.startSeconds !== startSeconds) {
    taken.hls.destroy();
    return null;
  }
  return taken.hls;
}
