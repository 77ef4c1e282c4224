// The video player of lessons and of the instructors' previews: the browser's own HLS where it has
// it (Safari, iOS, Chrome), else hls.js over Media Source Extensions, and hls.js too once the
// learner fixes a quality (the browser's HLS cannot be told a rendition); our own controls (play,
// seek, volume, speed, quality, captions, full screen) and keyboard keys on the player.
//
// Captions are <track kind="captions"> elements pointing at the signed WebVTT files, for both
// engines: one path that always shows real cues (hls.js's subtitle renditions would add a second
// set of text tracks and depend on segment timestamps), so hls.js runs its light build without
// subtitle support.
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
} from 'react';
import type HlsType from 'hls.js/light';
import type { ErrorData } from 'hls.js/light';
import { parseThumbnails, thumbnailAt, type Thumbnail } from './seek_preview.ts';
import { storeBandwidthEstimate } from './start.ts';
import {
  createVideoElement,
  hasMediaSource,
  loadHls,
  playsHlsNatively,
  releaseVideo,
  seekToStart,
  takeEarlyVideo,
  type EarlyVideo,
} from './video_setup.ts';
import { formatPosition } from '../learn/format.ts';
import type { Playback } from './api.ts';
import './media.css';

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** Only one refetch of expired links per this long: a link refused again is a real failure. */
const REFRESH_COOLDOWN_MS = 60_000;

export interface PlayerProps {
  /** A ready video's URLs. */
  playback: Playback;
  /** Names the player for assistive technology. */
  title: string;
  /** Where to start, in ms (the stored resume point); 0 or absent starts at the beginning. */
  startAtMs?: number;
  /** Fresh signed URLs when a media request was refused (the links expire): the lesson again. */
  refresh?: () => Promise<Playback | undefined>;
  /** The <video> element, for whoever reports playback (the lesson's heartbeats). */
  videoRef?: RefObject<HTMLVideoElement | null>;
}

const SPEAKER = 'M3 9v6h4l5 5V4L7 9H3z';
const ICONS = {
  play: { fill: 'M8 5v14l11-7z', stroke: '' },
  pause: { fill: 'M6 5h4v14H6zM14 5h4v14h-4z', stroke: '' },
  volume: { fill: SPEAKER, stroke: 'M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12' },
  muted: { fill: SPEAKER, stroke: 'M16 9l6 6M22 9l-6 6' },
  fullscreen: { fill: '', stroke: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5' },
} as const;

/** A control's picture (SVG attributes, no inline styles: the CSP forbids them). */
function Icon({ name }: { name: keyof typeof ICONS }) {
  const { fill, stroke } = ICONS[name];
  return (
    <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24">
      {fill && <path fill="currentColor" d={fill} />}
      {stroke && <path fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" d={stroke} />}
    </svg>
  );
}

function isFormControl(target: EventTarget): boolean {
  return target instanceof HTMLElement && target.closest('button, input, select, textarea, a') !== null;
}

export function Player({ playback, title, startAtMs = 0, refresh, videoRef: outerRef }: PlayerProps) {
  const ownRef = useRef<HTMLVideoElement | null>(null);
  const videoRef = outerRef ?? ownRef;
  const rootRef = useRef<HTMLDivElement>(null);
  const hlsRef = useRef<HlsType | null>(null);
  const screenRef = useRef<HTMLDivElement>(null);
  const helpId = useId();

  const [source, setSource] = useState(playback);
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [paused, setPaused] = useState(true);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [volume, setVolume] = useState(1);
  const [muted, setMuted] = useState(false);
  const [rate, setRate] = useState(1);
  // What feeds the element: the browser's HLS where it has it, until a quality is fixed.
  const [engine, setEngine] = useState<'native' | 'hls.js'>(() => (playsHlsNatively() ? 'native' : 'hls.js'));
  // The rendition's height the learner fixed; -1: automatic.
  const [quality, setQuality] = useState(-1);
  const fixedHeight = useRef(-1);
  // Whether a quality can be fixed: hls.js plays here (false once it said it cannot).
  const [canFixQuality, setCanFixQuality] = useState(hasMediaSource);
  const [autoHeight, setAutoHeight] = useState<number | null>(null);
  const [captions, setCaptions] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const startSeconds = startAtMs / 1000;
  const [resumeOffered, setResumeOffered] = useState(startSeconds > 0);

  // Where to (re)start once the source loads: the resume point, then after a refresh of expired
  // links the position playback had reached (and whether it was playing).
  const pending = useRef<{ at: number; play: boolean }>({ at: startSeconds, play: false });
  const lastRefresh = useRef(0);
  const lastCaptions = useRef('');
  const mediaErrorsRecovered = useRef(0);

  const tracks = source.captions ?? [];

  // A fresh load of the source (new links, another engine, Try again) carries on where playback
  // is; before the video has its metadata, from the start still pending (the resume point).
  const holdPosition = useCallback(
    (play?: boolean) => {
      const video = videoRef.current;
      if (!video) return;
      const at = video.readyState >= HTMLMediaElement.HAVE_METADATA ? video.currentTime : pending.current.at;
      pending.current = { at, play: play ?? !video.paused };
    },
    [videoRef],
  );

  // A link was refused (expired): ask for fresh URLs once, then carry on where playback was.
  // Several requests fail at once when links expire; one renewal answers them all.
  const renewing = useRef(false);
  const currentUrl = useRef(playback.master_url);
  // The latest `refresh`, so that a parent passing a new function each render does not reload.
  const refreshRef = useRef(refresh);
  useEffect(() => {
    refreshRef.current = refresh;
  });
  const renew = useCallback(async () => {
    if (renewing.current) return;
    const now = Date.now();
    const refresh = refreshRef.current;
    if (!refresh || now - lastRefresh.current < REFRESH_COOLDOWN_MS) {
      setError('The video could not be loaded. Reload the page to try again.');
      return;
    }
    renewing.current = true;
    lastRefresh.current = now;
    try {
      const fresh = await refresh();
      if (fresh?.status !== 'ready' || !fresh.master_url) {
        setError('The video is not available any more.');
      } else if (fresh.master_url === currentUrl.current) {
        // The same links again: they were not expired, something else is wrong.
        setError('The video could not be loaded. Reload the page to try again.');
      } else {
        holdPosition();
        setSource(fresh);
        return; // `renewing` ends once the new source is attached
      }
    } catch {
      setError('The video could not be loaded. Reload the page to try again.');
    }
    renewing.current = false;
  }, [holdPosition]);

  // The <video> element is made here rather than rendered: a lesson opened by its address adopts
  // the element its video already plays into (early_start.ts), with its source attached (and its
  // hls.js instance, if any) for the first attach below. Layout effects run before every other
  // effect: they all find it.
  const adopted = useRef<EarlyVideo | null>(null);
  useLayoutEffect(() => {
    const screen = screenRef.current;
    if (!screen) return;
    const early = playback.master_url ? takeEarlyVideo(playback.master_url, startSeconds, engine === 'native') : null;
    const video = early?.video ?? createVideoElement();
    adopted.current = early;
    const onClick = () => togglePlay();
    video.addEventListener('click', onClick);
    screen.append(video);
    videoRef.current = video;
    return () => {
      if (adopted.current) releaseVideo(adopted.current);
      adopted.current = null;
      video.removeEventListener('click', onClick);
      video.remove();
      videoRef.current = null;
    };
    // One element for the player's life; a new source is attached to the same element.
  }, []);

  // The poster and the caption tracks of the current source (fresh signed URLs after a refresh).
  useLayoutEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    if (source.poster_url) video.poster = source.poster_url;
    else video.removeAttribute('poster');
    for (const old of video.querySelectorAll('track')) old.remove();
    for (const track of tracks) {
      if (!track.url) continue;
      const element = document.createElement('track');
      element.kind = 'captions';
      element.src = track.url;
      element.srclang = track.language;
      element.label = track.label;
      video.append(element);
    }
    // `tracks` is derived from `source` (a new empty array when it has no captions).
  }, [source, videoRef]);

  // Attaches the source: the browser's HLS, or hls.js (loaded only where it plays a video).
  const masterUrl = source.master_url ?? '';
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !masterUrl) return;
    let cancelled = false;
    let hls: HlsType | null = null;
    currentUrl.current = masterUrl;
    renewing.current = false;
    setError(null);
    // A lesson opened by its address has its video attached and loading already.
    const early = adopted.current;
    adopted.current = null;
    if (engine === 'native') {
      // The seek to the start point waits for the metadata (below).
      if (!early) video.src = masterUrl;
    } else {
      void import('hls.js/light').then(
        ({ default: Hls }) => {
          if (cancelled) return;
          if (!Hls.isSupported()) {
            setError('This browser cannot play this video.');
            return;
          }
          hls = early?.hls ?? loadHls(Hls, masterUrl, pending.current.at, () => fixedHeight.current);
          hlsRef.current = hls;
          const instance = hls;
          hls.on(Hls.Events.ERROR, (_event, data: ErrorData) => {
            if (cancelled) return;
            if (data.response?.code === 403) {
              void renew();
              return;
            }
            if (!data.fatal) return;
            if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaErrorsRecovered.current < 2) {
              mediaErrorsRecovered.current += 1;
              instance.recoverMediaError();
              return;
            }
            setError(
              data.type === Hls.ErrorTypes.NETWORK_ERROR
                ? 'The video could not be loaded: check your connection.'
                : 'The video could not be played.',
            );
          });
          if (!early) hls.attachMedia(video);
        },
        () => setError('The player could not be loaded. Reload the page to try again.'),
      );
    }
    return () => {
      cancelled = true;
      if (hls) storeBandwidthEstimate(hls.bandwidthEstimate);
      hls?.destroy();
      hlsRef.current = null;
      if (video.getAttribute('src')) {
        video.removeAttribute('src');
        video.load();
      }
    };
  }, [masterUrl, attempt, engine, renew, videoRef]);

  // The element's own state, mirrored for the controls.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const sync = () => {
      setPaused(video.paused);
      setTime(video.currentTime);
      setDuration(Number.isFinite(video.duration) ? video.duration : 0);
      setVolume(video.volume);
      setMuted(video.muted);
      setRate(video.playbackRate);
    };
    // The rendition on screen, for "Auto (720p)": whichever engine chose it.
    const onResize = () => setAutoHeight(video.videoHeight || null);
    const onMetadata = () => {
      sync();
      const { at, play } = pending.current;
      if (seekToStart(video, at) === 0) setResumeOffered(false);
      pending.current = { at: 0, play: false };
      if (play) void video.play().catch(() => {});
    };
    const onError = () => {
      // hls.js reports its own errors, with the status; native playback does not say why, and a
      // refused (expired) link is the likely cause.
      if (hlsRef.current) return;
      const code = video.error?.code;
      if (code === MediaError.MEDIA_ERR_NETWORK || code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED) void renew();
      else if (code) setError('The video could not be played.');
    };
    const events = ['play', 'pause', 'timeupdate', 'durationchange', 'volumechange', 'ratechange', 'seeked'] as const;
    for (const name of events) video.addEventListener(name, sync);
    video.addEventListener('loadedmetadata', onMetadata);
    video.addEventListener('resize', onResize);
    video.addEventListener('error', onError);
    // An adopted element may have its metadata already.
    sync();
    if (video.readyState >= HTMLMediaElement.HAVE_METADATA) {
      onMetadata();
      onResize();
    }
    return () => {
      for (const name of events) video.removeEventListener(name, sync);
      video.removeEventListener('loadedmetadata', onMetadata);
      video.removeEventListener('resize', onResize);
      video.removeEventListener('error', onError);
    };
  }, [renew, videoRef]);

  // Shows the chosen captions (loading the file), hides every other text track.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const ours = new Set<TextTrack>();
    for (const element of video.querySelectorAll('track')) {
      ours.add(element.track);
      element.track.mode = element.srclang === captions ? 'showing' : 'disabled';
    }
    // Native HLS also lists the master playlist's subtitle renditions, as it reads them (later):
    // never two sets at once.
    const hideOthers = () => {
      for (const track of video.textTracks) {
        if (!ours.has(track) && (track.kind === 'subtitles' || track.kind === 'captions')) track.mode = 'disabled';
      }
    };
    hideOthers();
    video.textTracks.addEventListener('addtrack', hideOthers);
    const onTrackError = () => void renew();
    const elements = [...video.querySelectorAll('track')];
    for (const element of elements) element.addEventListener('error', onTrackError);
    return () => {
      video.textTracks.removeEventListener('addtrack', hideOthers);
      for (const element of elements) element.removeEventListener('error', onTrackError);
    };
  }, [captions, masterUrl, renew, videoRef]);

  const announce = (text: string) => setAnnouncement(text);

  const togglePlay = () => {
    const video = videoRef.current;
    if (!video) return;
    if (video.paused || video.ended) {
      void video.play().catch(() => announce('The browser did not allow playback; press play again.'));
    } else {
      video.pause();
    }
  };

  const seekTo = (seconds: number, say = true) => {
    const video = videoRef.current;
    if (!video) return;
    const end = Number.isFinite(video.duration) ? video.duration : seconds;
    video.currentTime = Math.min(Math.max(0, seconds), end);
    setResumeOffered(false);
    if (say) announce(`At ${formatPosition(video.currentTime * 1000)}`);
  };

  const changeVolume = (delta: number) => {
    const video = videoRef.current;
    if (!video) return;
    video.volume = Math.round(Math.min(1, Math.max(0, video.volume + delta)) * 100) / 100;
    video.muted = video.volume === 0;
    announce(`Volume ${Math.round(video.volume * 100)}%`);
  };

  const toggleMute = () => {
    const video = videoRef.current;
    if (!video) return;
    video.muted = !video.muted;
    announce(video.muted ? 'Muted' : 'Sound on');
  };

  const changeRate = (next: number) => {
    const video = videoRef.current;
    if (!video) return;
    // The default rate too: a source reloaded after a refresh keeps the chosen speed.
    video.defaultPlaybackRate = next;
    video.playbackRate = next;
    announce(`Speed ${next}×`);
  };

  const stepRate = (direction: 1 | -1) => {
    // The element's rate, not the state: its ratechange may not have re-rendered yet.
    const current = videoRef.current?.playbackRate ?? rate;
    const index = SPEEDS.findIndex((s) => s >= current);
    const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (index < 0 ? SPEEDS.length - 1 : index) + direction))];
    if (next !== undefined) changeRate(next);
  };

  const chooseCaptions = (language: string) => {
    setCaptions(language);
    if (language) lastCaptions.current = language;
    const label = tracks.find((t) => t.language === language)?.label;
    announce(label ? `Captions: ${label}` : 'Captions off');
  };

  const toggleCaptions = () => {
    if (captions) chooseCaptions('');
    else if (tracks.length > 0) chooseCaptions(lastCaptions.current || (tracks[0]?.language ?? ''));
  };

  const chooseQuality = (height: number) => {
    fixedHeight.current = height;
    setQuality(height);
    announce(height > 0 ? `Quality ${height}p` : 'Quality automatic');
    const hls = hlsRef.current;
    if (hls) {
      // -1 hands the choice back to ABR; a fixed level switches now (flushing what is buffered).
      hls.currentLevel = height > 0 ? hls.levels.findIndex((level) => level.height === height) : -1;
    } else if (engine === 'native' && height > 0) {
      // hls.js takes over where playback is (the attach effect), at that rendition. The browser's
      // HLS plays on while hls.js loads, and stays if it cannot be loaded or cannot play here.
      const giveUp = (message: string) => {
        fixedHeight.current = -1;
        setQuality(-1);
        announce(message);
      };
      void import('hls.js/light').then(
        ({ default: Hls }) => {
          if (!Hls.isSupported()) {
            setCanFixQuality(false);
            giveUp('This browser chooses the quality itself.');
          } else if (fixedHeight.current > 0) {
            holdPosition();
            setEngine('hls.js');
          }
        },
        () => giveUp('The quality could not be changed. Reload the page to try again.'),
      );
    }
  };

  const toggleFullscreen = () => {
    const root = rootRef.current;
    if (!root) return;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else void root.requestFullscreen?.().catch(() => announce('Full screen is not available.'));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Buttons, sliders and menus keep their own keys.
    if (event.altKey || event.ctrlKey || event.metaKey || isFormControl(event.target)) return;
    const video = videoRef.current;
    if (!video) return;
    const key = event.key.length === 1 && event.key !== '<' && event.key !== '>' ? event.key.toLowerCase() : event.key;
    switch (key) {
      case ' ':
      case 'k':
        togglePlay();
        break;
      case 'ArrowLeft':
        seekTo(video.currentTime - 5);
        break;
      case 'ArrowRight':
        seekTo(video.currentTime + 5);
        break;
      case 'j':
        seekTo(video.currentTime - 10);
        break;
      case 'l':
        seekTo(video.currentTime + 10);
        break;
      case 'Home':
        seekTo(0);
        break;
      case 'End':
        seekTo(video.duration);
        break;
      case 'ArrowUp':
        changeVolume(0.1);
        break;
      case 'ArrowDown':
        changeVolume(-0.1);
        break;
      case 'm':
        toggleMute();
        break;
      case 'f':
        toggleFullscreen();
        break;
      case 'c':
        toggleCaptions();
        break;
      case '>':
        stepRate(1);
        break;
      case '<':
        stepRate(-1);
        break;
      default:
        // 0–9 jump to 0–90% of the video.
        if (/^[0-9]$/.test(key) && Number.isFinite(video.duration)) {
          seekTo((video.duration * Number(key)) / 10);
          break;
        }
        return;
    }
    event.preventDefault();
  };

  // The renditions, best first, from the lesson's answer: the same list whichever engine plays. A
  // quality is fixed through hls.js, so only where Media Source Extensions exist.
  const sortedLevels =
    engine === 'hls.js' || canFixQuality
      ? [...(source.variants ?? [])].sort((a, b) => b.height - a.height || b.bandwidth - a.bandwidth)
      : [];
  const timeText = `${formatPosition(time * 1000)} / ${formatPosition(duration * 1000)}`;

  // A thumbnail and the time under the pointer on the seek bar; the track loads on first use.
  const thumbnails = useRef<{ url: string; cues: Thumbnail[] | null } | null>(null);
  const [preview, setPreview] = useState<{ left: number; time: number; thumb: Thumbnail | null } | null>(null);
  const thumbnailsUrl = source.thumbnails_url;
  const showPreview = (event: PointerEvent<HTMLInputElement>) => {
    if (!duration) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const left = Math.min(Math.max(event.clientX - rect.left, 0), rect.width);
    const at = rect.width > 0 ? (left / rect.width) * duration : 0;
    if (thumbnailsUrl && thumbnails.current?.url !== thumbnailsUrl) {
      const loading = { url: thumbnailsUrl, cues: null as Thumbnail[] | null };
      thumbnails.current = loading;
      fetch(thumbnailsUrl)
        .then((response) => (response.ok ? response.text() : ''))
        .then((text) => {
          loading.cues = parseThumbnails(text, thumbnailsUrl);
          setPreview((shown) => (shown ? { ...shown, thumb: thumbnailAt(loading.cues ?? [], shown.time) } : shown));
        })
        .catch(() => {
          loading.cues = []; // no pictures: the time alone
        });
    }
    const cues = thumbnails.current?.url === thumbnailsUrl ? thumbnails.current?.cues : null;
    setPreview({ left, time: at, thumb: cues ? thumbnailAt(cues, at) : null });
  };

  return (
    <div
      className="player"
      ref={rootRef}
      role="group"
      aria-label={`Video player: ${title}`}
      aria-describedby={helpId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="player"
    >
      {/* The <video> is placed here by the first layout effect above. */}
      <div className="player-screen" ref={screenRef} />
      {resumeOffered && (
        <p className="player-resume" data-testid="player-resume">
          Resuming at {formatPosition(startAtMs)}.{' '}
          <button type="button" className="link-button" onClick={() => seekTo(0)}>
            Start over
          </button>
        </p>
      )}
      <div className="player-controls">
        <button type="button" className="player-button" onClick={togglePlay} aria-label={paused ? 'Play' : 'Pause'}>
          <Icon name={paused ? 'play' : 'pause'} />
        </button>
        <div className="player-seek-wrap">
          <input
            type="range"
            className="player-seek"
            aria-label="Seek"
            min={0}
            max={duration || 0}
            step={0.1}
            value={Math.min(time, duration || 0)}
            aria-valuetext={timeText}
            // The slider reads out its own value: no announcement per step.
            onChange={(e) => seekTo(Number(e.target.value), false)}
            onPointerMove={showPreview}
            onPointerLeave={() => setPreview(null)}
            disabled={!duration}
          />
          {preview && (
            <div className="player-seek-preview" data-testid="seek-preview" aria-hidden="true" style={{ left: preview.left }}>
              {preview.thumb && (
                <div
                  className="player-seek-thumb"
                  data-testid="seek-thumbnail"
                  style={{
                    width: preview.thumb.width,
                    height: preview.thumb.height,
                    backgroundImage: `url("${preview.thumb.image}")`,
                    backgroundPosition: `-${preview.thumb.x}px -${preview.thumb.y}px`,
                  }}
                />
              )}
              <span>{formatPosition(preview.time * 1000)}</span>
            </div>
          )}
        </div>
        <span className="player-time" aria-hidden="true">
          {timeText}
        </span>
        <button type="button" className="player-button" onClick={toggleMute} aria-label={muted ? 'Unmute' : 'Mute'}>
          <Icon name={muted ? 'muted' : 'volume'} />
        </button>
        <input
          type="range"
          className="player-volume"
          aria-label="Volume"
          min={0}
          max={1}
          step={0.05}
          value={muted ? 0 : volume}
          onChange={(e) => {
            const video = videoRef.current;
            if (!video) return;
            video.volume = Number(e.target.value);
            video.muted = video.volume === 0;
          }}
        />
        <label className="player-menu">
          <span>Speed</span>
          <select value={String(rate)} onChange={(e) => changeRate(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={String(s)}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        {sortedLevels.length > 1 && (
          <label className="player-menu">
            <span>Quality</span>
            <select value={String(quality)} onChange={(e) => chooseQuality(Number(e.target.value))}>
              <option value="-1">Auto{quality === -1 && autoHeight ? ` (${autoHeight}p)` : ''}</option>
              {sortedLevels.map((level) => (
                <option key={level.height} value={String(level.height)}>
                  {level.height}p
                </option>
              ))}
            </select>
          </label>
        )}
        {tracks.length > 0 && (
          <label className="player-menu">
            <span>Captions</span>
            <select value={captions} onChange={(e) => chooseCaptions(e.target.value)}>
              <option value="">Off</option>
              {tracks.map((track) => (
                <option key={track.language} value={track.language}>
                  {track.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="player-button" onClick={toggleFullscreen} aria-label="Full screen">
          <Icon name="fullscreen" />
        </button>
      </div>
      <p id={helpId} className="visually-hidden">
        Keys: Space or K play and pause, arrows left and right seek 5 seconds, J and L 10 seconds, 0 to 9 jump through
        the video, arrows up and down change the volume, M mutes, F full screen, C captions, Shift and period or comma
        change the speed.
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              holdPosition(false);
              setError(null);
              setAttempt((a) => a + 1);
            }}
          >
            Try again
          </button>
        </p>
      )}
    </div>
  );
}

/**
 * Starts loading hls.js before the lesson's answer arrives, so the two load in parallel; only in
 * a browser without its own HLS (elsewhere hls.js loads when a quality is fixed).
 */
export function preloadPlayer(): void {
  if (!playsHlsNatively()) void import('hls.js/light');
}
