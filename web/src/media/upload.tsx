// Instructors' uploads: a button that sends a file with tus (progress, cancel, the server's reason
// for a refusal), then what becomes of it — a video's transcoding progress, polled every 2 s, until
// it is ready (with a preview) or failed (with the reason and Retry).
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client.ts';
import { formatBytes, formatPosition } from '../learn/format.ts';
import { ErrorAlert, useAction } from '../ui/forms.tsx';
import { getMedia, mediaFileUrl, retryMedia, startUpload, type MediaItem, type RunningUpload, type UploadKind } from './api.ts';
import { Player } from './player.tsx';
import './media.css';

/** How often an item being processed is asked about. */
const POLL_MS = 2_000;

const ACCEPT: Record<UploadKind, string> = {
  video: 'video/*',
  image: 'image/*',
  attachment: '',
};

type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; name: string; sent: number; total: number }
  | { phase: 'done'; name: string; total: number; mediaId: string };

function percentOf(sent: number, total: number): number {
  return total > 0 ? Math.floor((sent / total) * 100) : 0;
}

interface MediaUploadProps {
  kind: UploadKind;
  /** The button's text: "Upload video", "Upload file"… */
  label: string;
  /** Called once the server accepted the file (a video is then still being transcoded). */
  onUploaded?: (mediaId: string, file: File) => void | Promise<void>;
  /** Follow the new item's processing here (off where the page shows the item itself). */
  showResult?: boolean;
}

export function MediaUpload({ kind, label, onUploaded, showResult = true }: MediaUploadProps) {
  const input = useRef<HTMLInputElement>(null);
  const running = useRef<RunningUpload | null>(null);
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Leaving the page mid-upload stops sending but keeps what arrived: choosing the same file
  // again resumes it.
  useEffect(() => () => void running.current?.pause(), []);

  const start = (file: File) => {
    setError(null);
    setNotice(null);
    setState({ phase: 'uploading', name: file.name, sent: 0, total: file.size });
    running.current = startUpload(file, kind, {
      onProgress: (sent, total) => setState({ phase: 'uploading', name: file.name, sent, total }),
      onSuccess: (mediaId) => {
        running.current = null;
        setState({ phase: 'done', name: file.name, total: file.size, mediaId });
        Promise.resolve(onUploaded?.(mediaId, file)).catch((err: unknown) => setError(errorMessage(err)));
      },
      onError: (message) => {
        running.current = null;
        setState({ phase: 'idle' });
        setError(message);
      },
    });
  };

  const cancel = async () => {
    const upload = running.current;
    running.current = null;
    setState({ phase: 'idle' });
    await upload?.cancel();
    setNotice('Upload cancelled.');
  };

  const busy = state.phase === 'uploading';
  return (
    <div className="upload">
      <div className="upload-row">
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => input.current?.click()}>
          {label}
        </button>
        <input
          ref={input}
          type="file"
          hidden
          accept={ACCEPT[kind] || undefined}
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Cleared, so choosing the same file again (to resume or retry) is a change too.
            event.target.value = '';
            if (file) start(file);
          }}
        />
        {busy && (
          <button type="button" className="button button-danger" onClick={() => void cancel()}>
            Cancel upload
          </button>
        )}
      </div>
      {state.phase === 'uploading' && (
        <UploadProgress name={state.name} sent={state.sent} total={state.total} />
      )}
      {state.phase === 'done' && (
        <>
          <UploadProgress name={state.name} sent={state.total} total={state.total} />
          {showResult && <MediaSummary key={state.mediaId} id={state.mediaId} />}
        </>
      )}
      <ErrorAlert message={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}

function UploadProgress({ name, sent, total }: { name: string; sent: number; total: number }) {
  const percent = percentOf(sent, total);
  const done = sent >= total;
  return (
    <div>
      <progress max={total || 1} value={sent} aria-label={`Uploading ${name}`} data-testid="upload-bar" />
      <p className="muted" role="status" data-testid="upload-progress">
        {name}: {formatBytes(sent)} of {formatBytes(total)} ({percent}%){done ? ' — uploaded' : ''}
      </p>
    </div>
  );
}

const STATUS_TEXT: Record<MediaItem['status'], string> = {
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
};

/** Asks for the item every 2 s while it is being processed. */
export function useMediaItem(id: string) {
  const [item, setItem] = useState<MediaItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    let timer = 0;
    const load = () => {
      getMedia(id, controller.signal).then(
        (next) => {
          setItem(next);
          setError(null);
          if (next.status === 'processing') timer = window.setTimeout(load, POLL_MS);
        },
        (err: unknown) => {
          if (!controller.signal.aborted) setError(errorMessage(err));
        },
      );
    };
    load();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [id, generation]);
  return { item, error, setItem, poll: () => setGeneration((g) => g + 1) };
}

/** Where an item stands, asked again every 2 s while it is processed. */
export function MediaSummary({ id, preview = true }: { id: string; preview?: boolean }) {
  const media = useMediaItem(id);
  if (!media.item) return media.error ? <ErrorAlert message={media.error} /> : <p role="status">Loading the file…</p>;
  return <MediaItemView item={media.item} setItem={media.setItem} poll={media.poll} preview={preview} />;
}

/** An item: processing (with progress), failed (with the reason and Retry) or ready (a preview). */
export function MediaItemView({
  item,
  setItem,
  poll,
  preview = true,
}: {
  item: MediaItem;
  setItem: (item: MediaItem) => void;
  /** Starts asking again (after a retry). */
  poll: () => void;
  preview?: boolean;
}) {
  const retry = useAction();
  const [previewing, setPreviewing] = useState(false);
  const percent = Math.round(item.progress * 100);
  return (
    <div className="media-status" data-testid="media-summary">
      <p>
        <strong>{item.file_name}</strong> · <span data-testid="media-status">{STATUS_TEXT[item.status]}</span>
        {item.duration_ms != null && <> · {formatPosition(item.duration_ms)}</>}
        {item.height != null && <> · {item.height}p</>} · {formatBytes(item.size_bytes)}
      </p>
      {item.status === 'processing' && item.kind === 'video' && (
        <div className="media-progress">
          <progress max={100} value={percent} aria-label={`Preparing ${item.file_name}`} />
          <p className="muted" role="status">
            Preparing the video for streaming: {percent}%
          </p>
        </div>
      )}
      {item.status === 'failed' && (
        <>
          <p className="form-error" role="alert">
            Processing failed{item.failure ? `: ${item.failure}` : '.'}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-secondary"
              disabled={retry.busy}
              onClick={() =>
                void retry.run(async () => {
                  setItem(await retryMedia(item.id));
                  poll();
                })
              }
            >
              Retry
            </button>
          </div>
          <ErrorAlert message={retry.error} />
        </>
      )}
      {item.status === 'ready' && item.kind !== 'video' && (
        <p>
          <a href={mediaFileUrl(item.id)} download>
            Download {item.file_name}
          </a>
        </p>
      )}
      {item.status === 'ready' && item.kind === 'video' && preview && item.playback?.master_url && (
        <>
          <div className="form-actions">
            <button type="button" className="button button-secondary" aria-expanded={previewing} onClick={() => setPreviewing(!previewing)}>
              {previewing ? 'Hide preview' : 'Preview'}
            </button>
          </div>
          {previewing && (
            <Player
              // New captions come with new URLs: a new player picks them up.
              key={item.captions.map((c) => c.language).join(',')}
              playback={item.playback}
              title={item.file_name}
              refresh={async () => (await getMedia(item.id)).playback}
            />
          )}
        </>
      )}
    </div>
  );
}

/** A choice among the caller's media of one kind (the newest first), for a lesson. */
export function LibraryPicker({ kind, label, onPick }: { kind: UploadKind; label: string; onPick: (item: MediaItem) => Promise<void> }) {
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const [chosen, setChosen] = useState('');
  const action = useAction();
  useEffect(() => {
    const controller = new AbortController();
    api.get('/api/v1/media', { signal: controller.signal, query: { kind, limit: 100 } }).then(
      (page) => setItems(page.items.filter((i) => i.status !== 'failed')),
      () => setItems([]),
    );
    return () => controller.abort();
  }, [kind]);
  if (!items || items.length === 0) return null;
  const item = items.find((i) => i.id === chosen);
  return (
    <div className="upload-row">
      <label className="field">
        <span>{label}</span>
        <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">—</option>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.file_name} ({i.status === 'ready' ? formatBytes(i.size_bytes) : STATUS_TEXT[i.status].toLowerCase()})
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button button-secondary" disabled={!item || action.busy} onClick={() => item && void action.run(() => onPick(item))}>
        Use it
      </button>
      <ErrorAlert message={action.error} />
    </div>
  );
}
