// `/media`: an instructor's media library — uploads, the list (by kind, a page at a time, with
// processing progress), retry and delete, and one item's details: its preview and its captions.
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.ts';
import { Pager, usePagedLoad } from '../admin/pager.tsx';
import { useSession } from '../auth/session.tsx';
import { formatBytes } from '../learn/format.ts';
import { DataTable, LoadView } from '../ui/data.tsx';
import { Card, ErrorAlert, Field, Form, SelectField, formatTime, useAction } from '../ui/forms.tsx';
import { deleteCaptions, deleteMedia, putCaptions, retryMedia, type MediaItem, type UploadKind } from './api.ts';
import { MediaItemView, MediaUpload, useMediaItem } from './upload.tsx';
import './media.css';

/** While something is being processed, the list is asked again this often. */
const LIST_POLL_MS = 3_000;

const KIND_OPTIONS = [
  { value: '', label: 'All' },
  { value: 'video', label: 'Videos' },
  { value: 'image', label: 'Images' },
  { value: 'attachment', label: 'Files' },
] as const;

const UPLOAD_KINDS = [
  { value: 'video', label: 'Video' },
  { value: 'image', label: 'Image' },
  { value: 'attachment', label: 'File' },
] as const;

export function MediaLibraryPage() {
  const { state } = useSession();
  if (state.status === 'signed_in' && state.me.role === 'learner') {
    return (
      <Card title="Media library">
        <p>The media library is for instructors.</p>
      </Card>
    );
  }
  return <Library />;
}

function statusText(item: MediaItem): string {
  if (item.status === 'processing') return item.kind === 'video' ? `Processing ${Math.round(item.progress * 100)}%` : 'Processing';
  if (item.status === 'failed') return item.failure ? `Failed: ${item.failure}` : 'Failed';
  return 'Ready';
}

function Library() {
  const [kind, setKind] = useState<'' | UploadKind>('');
  const [uploadKind, setUploadKind] = useState<UploadKind>('video');
  const [selected, setSelected] = useState<string | null>(null);
  const { pages, state, reload } = usePagedLoad(kind, (page, signal) =>
    api.get('/api/v1/media', { signal, query: { limit: 25, ...(kind ? { kind } : {}), ...page } }),
  );
  const action = useAction();

  // Processing progress moves on its own: ask again while any item on the page is processed.
  const processing = state.status === 'ready' && state.data.items.some((i) => i.status === 'processing');
  useEffect(() => {
    if (!processing) return;
    const timer = window.setTimeout(reload, LIST_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [processing, state, reload]);

  return (
    <div className="stack">
      <Card title="Upload">
        <SelectField label="Kind of file" value={uploadKind} onValueChange={(v) => setUploadKind(v as UploadKind)} options={UPLOAD_KINDS} />
        <MediaUpload
          kind={uploadKind}
          label={uploadKind === 'video' ? 'Upload video' : uploadKind === 'image' ? 'Upload image' : 'Upload file'}
          onUploaded={(id) => {
            setSelected(id);
            reload();
          }}
          showResult={false}
        />
      </Card>
      <Card title="Your media">
        <SelectField label="Show" value={kind} onValueChange={(v) => setKind(v as '' | UploadKind)} options={KIND_OPTIONS} />
        <ErrorAlert message={action.error} />
        <LoadView state={state} what="your media">
          {(data) => (
            <>
              <DataTable caption="Your media" columns={['Name', 'Kind', 'Status', 'Size', 'Added', 'Actions']} testId="media-table">
                {data.items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <button type="button" className="link-button" aria-pressed={selected === item.id} onClick={() => setSelected(item.id)}>
                        {item.file_name}
                      </button>
                    </td>
                    <td>{item.kind}</td>
                    <td data-testid="media-row-status">{statusText(item)}</td>
                    <td>{formatBytes(item.size_bytes)}</td>
                    <td>{formatTime(item.created_at)}</td>
                    <td className="actions">
                      {item.status === 'failed' && item.kind === 'video' && (
                        <button
                          type="button"
                          className="button button-secondary"
                          disabled={action.busy}
                          onClick={() =>
                            void action.run(async () => {
                              await retryMedia(item.id);
                              reload();
                            })
                          }
                        >
                          Retry {item.file_name}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button-danger"
                        disabled={action.busy}
                        onClick={() =>
                          void action.run(async () => {
                            if (!window.confirm(`Delete ${item.file_name} for good?`)) return;
                            // 409 names the lesson still using it: shown above the table.
                            await deleteMedia(item.id);
                            if (selected === item.id) setSelected(null);
                            reload();
                          })
                        }
                      >
                        Delete {item.file_name}
                      </button>
                    </td>
                  </tr>
                ))}
              </DataTable>
              {data.items.length === 0 && <p>Nothing uploaded yet.</p>}
              <Pager pages={pages} nextCursor={data.next_cursor} />
            </>
          )}
        </LoadView>
      </Card>
      {selected && <MediaDetails key={selected} id={selected} onChanged={reload} />}
    </div>
  );
}

function MediaDetails({ id, onChanged }: { id: string; onChanged: () => void }) {
  const media = useMediaItem(id);
  const { item } = media;
  if (!item) {
    return (
      <Card title="File">
        {media.error ? <ErrorAlert message={media.error} /> : <p role="status">Loading the file…</p>}
      </Card>
    );
  }
  return (
    <Card title={item.file_name}>
      <MediaItemView
        item={item}
        setItem={(next) => {
          media.setItem(next);
          onChanged();
        }}
        poll={media.poll}
      />
      {item.kind === 'video' && (
        <Captions
          item={item}
          onChanged={(next) => {
            media.setItem(next);
            onChanged();
          }}
          reload={media.poll}
        />
      )}
    </Card>
  );
}

/** A video's captions: one WebVTT file per language, with the name the player's menu shows. */
function Captions({ item, onChanged, reload }: { item: MediaItem; onChanged: (item: MediaItem) => void; reload: () => void }) {
  const [language, setLanguage] = useState('');
  const [label, setLabel] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const remove = useAction();
  return (
    <section aria-label="Captions" className="stack-small">
      <h3>Captions</h3>
      {item.captions.length === 0 ? (
        <p className="muted">No captions yet.</p>
      ) : (
        <ul className="media-captions" data-testid="captions-list">
          {item.captions.map((track) => (
            <li key={track.language}>
              {track.label} ({track.language}){' '}
              <button
                type="button"
                className="button button-danger"
                disabled={remove.busy}
                onClick={() =>
                  void remove.run(async () => {
                    await deleteCaptions(item.id, track.language);
                    reload();
                  })
                }
              >
                Remove {track.label} captions
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert message={remove.error} />
      <Form
        label="Add captions"
        submitLabel="Add captions"
        busyLabel="Uploading…"
        success="Captions saved."
        onSubmit={async () => {
          if (!file) throw new Error('Choose a WebVTT (.vtt) file.');
          const text = await file.text().catch((err: unknown) => {
            throw new Error(`The file could not be read: ${errorMessage(err)}`);
          });
          // 422 names the line that is not valid WebVTT (shown by the form).
          onChanged(await putCaptions(item.id, language.trim(), label.trim(), text));
          setLanguage('');
          setLabel('');
          setFile(null);
          setInputKey((k) => k + 1);
        }}
      >
        <Field label="Language" required maxLength={35} value={language} onValueChange={setLanguage} hint="A language tag such as en, fr or pt-BR." />
        <Field label="Label" maxLength={100} value={label} onValueChange={setLabel} hint="The name in the player's captions menu (the language tag when empty)." />
        <div className="field">
          <label htmlFor={`captions-file-${item.id}`}>WebVTT file</label>
          <input
            key={inputKey}
            id={`captions-file-${item.id}`}
            type="file"
            accept=".vtt,text/vtt"
            required
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
      </Form>
    </section>
  );
}
