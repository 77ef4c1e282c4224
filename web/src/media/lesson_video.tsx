// A video lesson for its learner: the player (resuming where they stopped), the share watched
// and the heartbeats that record it. An editor's preview (not enrolled) plays without reporting.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Schemas } from '../api/client.ts';
import { ProgressBar } from '../learn/ProgressBar.tsx';
import { sendHeartbeat, type HeartbeatResult, type Playback } from './api.ts';
import { HEARTBEAT_INTERVAL_MS, PlaybackTracker } from './heartbeat.ts';
import { Player } from './player.tsx';

type Lesson = Schemas['LearnerLesson'];

/** How often a lesson whose video is being prepared asks again. */
const PROCESSING_POLL_MS = 10_000;

export function LessonVideo({ lesson, onCompleted }: { lesson: Lesson; onCompleted: (result: HeartbeatResult) => void }) {
  const [playback, setPlayback] = useState<Playback>(lesson.playback ?? { status: 'missing' });
  const [durationSeconds, setDurationSeconds] = useState(lesson.duration_seconds ?? null);
  const [watched, setWatched] = useState(lesson.watched_percent ?? 0);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const completedRef = useRef(lesson.status === 'completed');
  const onCompletedRef = useRef(onCompleted);
  useEffect(() => {
    onCompletedRef.current = onCompleted;
  });
  const durationRef = useRef(durationSeconds);
  useEffect(() => {
    durationRef.current = durationSeconds;
  }, [durationSeconds]);

  // The lesson again: fresh signed URLs (they expire) or news of a video being prepared.
  const refetch = useCallback(async () => {
    const fresh = await api.get('/api/v1/learn/lessons/{lesson_id}', { path: { lesson_id: lesson.id } });
    if (fresh.duration_seconds) setDurationSeconds(fresh.duration_seconds);
    return fresh.playback;
  }, [lesson.id]);

  useEffect(() => {
    if (playback.status !== 'processing') return;
    const timer = window.setInterval(() => {
      refetch().then(
        (fresh) => {
          if (fresh && fresh.status !== 'processing') setPlayback(fresh);
        },
        () => {
          // Asked again at the next tick.
        },
      );
    }, PROCESSING_POLL_MS);
    return () => window.clearInterval(timer);
  }, [playback.status, refetch]);

  const ready = playback.status === 'ready' && Boolean(playback.master_url);

  // Heartbeats: every 15 s while playing, and at once on pause, seeking, rate change, end, the page
  // being hidden or left, and this lesson being closed (the last two outlive the page: keepalive).
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !ready || !lesson.enrolled) return;
    let alive = true;
    const tracker = new PlaybackTracker(
      (body, keepalive) => {
        sendHeartbeat(lesson.id, body, keepalive).then(
          (result) => {
            if (!alive) return;
            setWatched(result.watched_percent);
            if (result.completed && !completedRef.current) {
              completedRef.current = true;
              onCompletedRef.current(result);
            }
          },
          () => {
            // Best effort: the next beat carries the position again.
          },
        );
      },
      durationRef.current ? durationRef.current * 1000 : null,
      lesson.position_ms ?? 0,
    );
    // The last position seen, for when the element no longer has its source.
    let last = lesson.position_ms ?? 0;
    const now = () => {
      if (!video.seeking && video.readyState > 0) {
        last = video.currentTime * 1000;
        tracker.time(last, video.playbackRate);
      }
      return last;
    };
    const onTime = () => void now();
    const onSeeking = () => {
      last = video.currentTime * 1000;
      tracker.seeking(last, video.playbackRate);
    };
    const onStop = () => tracker.beat(now(), false);
    const onRate = () => tracker.rateChanged(now(), video.playbackRate);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') tracker.beat(now(), true);
    };
    const onPageHide = () => tracker.beat(now(), true);
    const timer = window.setInterval(() => {
      if (!video.paused && !video.seeking) tracker.beat(now(), false, true);
    }, HEARTBEAT_INTERVAL_MS);
    // One signal removes every listener below when the effect ends.
    const listening = new AbortController();
    const { signal } = listening;
    // Playback starts where the element is: the span opens there, not at the first timeupdate.
    video.addEventListener('play', onTime, { signal });
    video.addEventListener('timeupdate', onTime, { signal });
    video.addEventListener('seeking', onSeeking, { signal });
    video.addEventListener('pause', onStop, { signal });
    video.addEventListener('ended', onStop, { signal });
    video.addEventListener('ratechange', onRate, { signal });
    document.addEventListener('visibilitychange', onVisibility, { signal });
    window.addEventListener('pagehide', onPageHide, { signal });
    return () => {
      alive = false;
      window.clearInterval(timer);
      listening.abort();
      // The player's own clean-up (which unloads the source) runs after this one: the element
      // still knows where it is.
      tracker.beat(now(), true);
    };
    // One tracker per lesson page: fresh links (a refresh) keep the same playback.
  }, [ready, lesson.enrolled, lesson.id, lesson.position_ms]);

  if (playback.status === 'processing') {
    return (
      <p className="notice" role="status">
        This video is being prepared. It will play here when it is ready.
      </p>
    );
  }
  if (playback.status === 'failed') {
    return (
      <p className="form-error" role="alert">
        This video could not be prepared for playback. The course's instructor can upload it again.
      </p>
    );
  }
  if (!ready) {
    return <p className="notice">This lesson has no video yet.</p>;
  }
  return (
    <div className="stack-small">
      <Player
        playback={playback}
        title={lesson.title}
        startAtMs={lesson.position_ms ?? 0}
        refresh={refetch}
        videoRef={videoRef}
      />
      {lesson.enrolled && (
        <p className="muted" data-testid="video-progress">
          Watched: <ProgressBar percent={watched} label="Share of the video watched" />
        </p>
      )}
    </div>
  );
}
