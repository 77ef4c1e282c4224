// What a video lesson reports while it plays: the span of media time actually played since the
// previous beat, the resume position and the rate. The server merges spans into the set already
// watched, so a span must never include time that was seeked over: a span grows only while
// `timeupdate` moves forward by about what the wall clock allows at the playback rate, and any
// seek or jump closes it (and sends it) before a new one starts where playback went on.
import type { HeartbeatBody } from './api.ts';

/** How often a playing video reports (the server needs nothing finer). */
export const HEARTBEAT_INTERVAL_MS = 15_000;

// Timeupdate fires every 15–250 ms; a step larger than the wall-clock time since the previous one
// (at the rate) by more than this is a jump, not playback.
const JUMP_TOLERANCE_MS = 1_000;

/** A random UUID, also outside secure contexts (crypto.randomUUID needs https or localhost). */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type Send = (body: HeartbeatBody, keepalive: boolean) => void;

export class PlaybackTracker {
  /** One id per page load of the player; the server orders a playback's beats by `sequence`. */
  readonly playbackId = randomUuid();
  private sequence = 0;
  /** The open span: from where continuous playback started to the last time seen (ms). */
  private spanFrom: number | null = null;
  private spanTo = 0;
  /** The highest rate seen during the span: the bound the server checks it against. */
  private spanRate = 1;
  private lastUpdateWall = 0;
  private lastBeatWall: number;
  private lastSentPosition: number;

  constructor(
    private readonly send: Send,
    /** Positions and spans are clipped to the video's length when known (ms). */
    private readonly durationMs: number | null,
    /** The stored resume point: seeking there on load is no news. */
    startPositionMs = 0,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastBeatWall = now();
    this.lastSentPosition = startPositionMs;
  }

  /** A `timeupdate` (not while seeking): extends the open span or, after a jump, starts anew. */
  time(positionMs: number, rate: number): void {
    const wall = this.now();
    const t = this.clip(positionMs);
    if (this.spanFrom === null) {
      this.spanFrom = t;
      this.spanTo = t;
      this.spanRate = rate;
    } else {
      const allowed = (wall - this.lastUpdateWall) * Math.max(rate, this.spanRate) + JUMP_TOLERANCE_MS;
      if (t >= this.spanTo && t - this.spanTo <= allowed) {
        this.spanTo = t;
        this.spanRate = Math.max(this.spanRate, rate);
      } else {
        // A jump no `seeking` announced (or playback looped back): report what was played.
        this.beat(t, false);
        this.spanFrom = t;
        this.spanTo = t;
        this.spanRate = rate;
      }
    }
    this.lastUpdateWall = wall;
  }

  /**
   * A seek starts: the open span ends where playback was (the element already shows the target),
   * and the beat records the target as the resume point. Playback after the seek starts a new span.
   */
  seeking(targetMs: number, rate: number): void {
    this.beat(targetMs, false);
    this.spanFrom = null;
    this.spanRate = rate;
  }

  /** The rate changes: the span so far is reported at the old rate, the next one runs at the new. */
  rateChanged(positionMs: number, rate: number): void {
    this.beat(positionMs, false);
    this.spanRate = rate;
  }

  /**
   * Sends a beat with the open span, unless nothing was played and the position did not move
   * (`force` sends anyway: the periodic beat while playing). The span continues from its end.
   */
  beat(positionMs: number, keepalive: boolean, force = false): void {
    const position = Math.round(this.clip(positionMs));
    const from = this.spanFrom === null ? position : Math.round(this.spanFrom);
    const to = this.spanFrom === null ? position : Math.round(this.spanTo);
    const played = to > from;
    const wall = this.now();
    if (!played && !force) {
      // Only the position moved: worth a beat, but not one per step of a dragged seek bar.
      if (Math.abs(position - this.lastSentPosition) < 250) return;
      if (!keepalive && wall - this.lastBeatWall < 1000) return;
    }
    this.sequence += 1;
    this.send(
      {
        position_ms: Math.max(0, position),
        playback_rate: Math.min(4, Math.max(0.25, this.spanRate)),
        played: played ? { from_ms: Math.max(0, from), to_ms: to } : { from_ms: Math.max(0, position), to_ms: Math.max(0, position) },
        since_last_ms: Math.max(0, Math.round(wall - this.lastBeatWall)),
        playback_id: this.playbackId,
        sequence: this.sequence,
      },
      keepalive,
    );
    this.lastBeatWall = wall;
    this.lastSentPosition = position;
    if (this.spanFrom !== null) this.spanFrom = this.spanTo;
  }

  private clip(ms: number): number {
    const upper = this.durationMs ?? Number.POSITIVE_INFINITY;
    return Math.min(Math.max(0, ms), upper);
  }
}
