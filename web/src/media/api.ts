// The media feature's calls: the library and captions through the typed client, uploads through
// tus-js-client (tus 1.0 is a binary, resumable protocol the JSON client cannot speak), and the
// playback heartbeats of a video lesson.
import type { DetailedError, Upload } from 'tus-js-client';
import { api, apiText, buildUrl, errorMessage, type RequestBody, type Schemas } from '../api/client.ts';

export type MediaItem = Schemas['MediaItem'];
export type Playback = Schemas['Playback'];
export type HeartbeatResult = Schemas['HeartbeatResult'];
/** What an upload may be (captions are not uploaded with tus: see `putCaptions`). */
export type UploadKind = Schemas['Upload']['kind'];

export const UPLOADS_PATH = '/api/v1/uploads';

export function getMedia(id: string, signal?: AbortSignal): Promise<MediaItem> {
  return api.get('/api/v1/media/{id}', { path: { id }, ...(signal ? { signal } : {}) });
}

export function retryMedia(id: string): Promise<MediaItem> {
  return api.post('/api/v1/media/{id}/retry', { path: { id } });
}

export async function deleteMedia(id: string): Promise<void> {
  await api.delete('/api/v1/media/{id}', { path: { id } });
}

/** Adds or replaces the captions of `language` (a WebVTT file's text; 422 names a bad line). */
export function putCaptions(id: string, language: string, label: string, vtt: string): Promise<MediaItem> {
  return apiText.put('/api/v1/media/{id}/captions/{language}', {
    path: { id, language },
    query: label ? { label } : {},
    contentType: 'text/vtt',
    text: vtt,
  });
}

export async function deleteCaptions(id: string, language: string): Promise<void> {
  await api.delete('/api/v1/media/{id}/captions/{language}', { path: { id, language } });
}

/** The owner's download of an image or attachment. */
export function mediaFileUrl(id: string): string {
  return buildUrl('/api/v1/media/{id}/file', { id });
}

/** A learner's download of a file lesson's attachment. */
export function lessonFileUrl(lessonId: string): string {
  return buildUrl('/api/v1/learn/lessons/{lesson_id}/file', { lesson_id: lessonId });
}

export type HeartbeatBody = RequestBody<'/api/v1/learn/lessons/{lesson_id}/heartbeat', 'post'>;

/** One playback report; `keepalive` for the last one, sent while the page goes away. */
export function sendHeartbeat(lessonId: string, body: HeartbeatBody, keepalive = false): Promise<HeartbeatResult> {
  return api.post('/api/v1/learn/lessons/{lesson_id}/heartbeat', {
    path: { lesson_id: lessonId },
    body,
    ...(keepalive ? { keepalive: true } : {}),
  });
}

// ---- Uploads (tus) -------------------------------------------------------------------------

export interface UploadHandlers {
  onProgress: (sent: number, total: number) => void;
  /** The upload was accepted: the new media item's id. */
  onSuccess: (mediaId: string) => void;
  /** A sentence to show: the server's reason (a rejection, a quota) when it gave one. */
  onError: (message: string) => void;
}

export interface RunningUpload {
  /** Stops sending and deletes what the server already stored (tus termination). */
  cancel: () => Promise<void>;
  /** Stops sending, keeping what arrived: the same file chosen again resumes from there. */
  pause: () => void;
}

/** The `detail` of the problem+json answer behind a failed tus request, else a general sentence. */
export function uploadErrorMessage(error: Error | DetailedError): string {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  if (!response) return 'The upload stopped: the server could not be reached. Try again.';
  try {
    const problem = JSON.parse(response.getBody()) as { detail?: unknown; title?: unknown };
    if (typeof problem.detail === 'string' && problem.detail) return problem.detail;
    if (typeof problem.title === 'string' && problem.title) return problem.title;
  } catch {
    // Not a problem document: fall through to the status.
  }
  return `The upload failed (HTTP ${response.getStatus()}).`;
}

/** The upload's id: the last segment of the URL the creation answered with. */
function uploadId(url: string | null): string | null {
  if (!url) return null;
  const last = new URL(url, window.location.href).pathname.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last) : null;
}

/**
 * Uploads `file` as `kind` with tus, resuming an earlier, interrupted upload of the same file
 * (tus-js-client remembers it in localStorage by the file's name, size and date). The client
 * library loads with the first upload: learners never need it.
 */
export function startUpload(file: File, kind: UploadKind, handlers: UploadHandlers): RunningUpload {
  let stopped = false;
  let upload: Upload | null = null;
  const begin = async () => {
    const tus = await import('tus-js-client');
    if (stopped) return;
    const current: Upload = new tus.Upload(file, {
      // Absolute, so the Location the server answers with resolves against it.
      endpoint: new URL(UPLOADS_PATH, window.location.origin).href,
      metadata: { filename: file.name, kind },
      // Large chunks keep request overhead low; a cut connection resumes from the server's offset.
      chunkSize: 50 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => handlers.onProgress(sent, total),
      onSuccess: ({ lastResponse }) => {
        const header = lastResponse.getHeader('Upload-Media-Id');
        if (header) {
          handlers.onSuccess(header);
          return;
        }
        // Resumed an upload whose bytes had all arrived (the last answer was lost): ask for it.
        const id = uploadId(current.url);
        if (!id) {
          handlers.onError('The upload finished but the server did not name the new file.');
          return;
        }
        api.get('/api/v1/uploads/{id}', { path: { id } }).then(
          (state) => {
            if (state.media_id) handlers.onSuccess(state.media_id);
            else handlers.onError(state.rejection ?? 'The server did not accept the file.');
          },
          (err: unknown) => handlers.onError(errorMessage(err)),
        );
      },
      onError: (error) => handlers.onError(uploadErrorMessage(error)),
    });
    upload = current;
    try {
      const previous = await current.findPreviousUploads();
      const match = previous
        .filter((p) => p.metadata.kind === kind)
        .sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
      if (match) current.resumeFromPreviousUpload(match);
    } catch {
      // No localStorage (private mode…): start afresh.
    }
    if (!stopped) current.start();
  };
  begin().catch((err: unknown) => handlers.onError(`The upload could not start: ${errorMessage(err)}`));
  return {
    pause: () => {
      stopped = true;
      void upload?.abort(false).catch(() => {});
    },
    cancel: async () => {
      stopped = true;
      await upload?.abort(true).catch(() => {
        // Already gone, or never created: nothing left to terminate.
      });
    },
  };
}
