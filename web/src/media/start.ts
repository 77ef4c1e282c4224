// Where a video starts: which rendition first (from the bandwidth measured on the last video) and
// where in it (the resume point).

/** A resume point this close to the end (at most 3 s, a tenth of a short video) starts over instead. */
export function endMargin(duration: number): number {
  return Math.min(3, duration / 10);
}

// The bandwidth hls.js measured, kept for the next video's first rendition.
const BANDWIDTH_KEY = 'skillnexus.player.bandwidth';

export function storedBandwidthEstimate(): number | null {
  try {
    const value = Number(window.localStorage.getItem(BANDWIDTH_KEY));
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null; // storage disabled
  }
}

export function storeBandwidthEstimate(bitsPerSecond: number): void {
  if (!Number.isFinite(bitsPerSecond) || bitsPerSecond <= 0) return;
  try {
    window.localStorage.setItem(BANDWIDTH_KEY, String(Math.round(bitsPerSecond)));
  } catch {
    // storage disabled or full: the next video starts low
  }
}

/**
 * The first rendition: the highest (levels ascend by bitrate, as hls.js orders them) that uses at
 * most 70 % of the bandwidth measured last time, the lowest without a measure: the smallest first
 * segment is the quickest first frame, and ABR moves up from the second segment.
 */
export function startLevelFor(levels: readonly { bitrate: number }[], estimate: number | null): number {
  let chosen = 0;
  if (estimate) {
    levels.forEach((level, index) => {
      if (level.bitrate <= 0.7 * estimate) chosen = index;
    });
  }
  return chosen;
}
