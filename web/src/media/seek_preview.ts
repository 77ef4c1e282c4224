// Thumbnails over the seek bar: the WebVTT track the transcoder writes beside each video
// (`thumbnails.vtt`: one cue per interval, each naming a cell of a sprite sheet as
// `thumbs_001.jpg#xywh=x,y,w,h`). Loaded the first time a learner points at the seek bar.

export interface Thumbnail {
  start: number;
  end: number;
  /** The sprite sheet, resolved against the track's own (signed) URL. */
  image: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

function seconds(timestamp: string): number | null {
  const match = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$/.exec(timestamp.trim());
  if (!match) return null;
  const [, h, m, s, ms] = match;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

/** The cues of a thumbnails track; cues it cannot read are left out. */
export function parseThumbnails(vtt: string, trackUrl: string, page = window.location.href): Thumbnail[] {
  const thumbnails: Thumbnail[] = [];
  const base = new URL(trackUrl, page); // the track's URL may be a path on this server
  const lines = vtt.split(/\r?\n/);
  for (let i = 0; i + 1 < lines.length; i++) {
    const timing = /^(\S+)\s+-->\s+(\S+)/.exec(lines[i] ?? '');
    if (!timing?.[1] || !timing[2]) continue;
    const start = seconds(timing[1]);
    const end = seconds(timing[2]);
    const target = /^(.+)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec((lines[i + 1] ?? '').trim());
    if (start === null || end === null || !target?.[1]) continue;
    let image: string;
    try {
      image = new URL(target[1], base).href;
    } catch {
      continue;
    }
    thumbnails.push({
      start,
      end,
      image,
      x: Number(target[2]),
      y: Number(target[3]),
      width: Number(target[4]),
      height: Number(target[5]),
    });
  }
  return thumbnails;
}

/** The thumbnail showing `time`, if any (cues ascend by start). */
export function thumbnailAt(thumbnails: readonly Thumbnail[], time: number): Thumbnail | null {
  let low = 0;
  let high = thumbnails.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const cue = thumbnails[mid];
    if (!cue) break;
    if (time < cue.start) high = mid - 1;
    else if (time >= cue.end) low = mid + 1;
    else return cue;
  }
  return null;
}
