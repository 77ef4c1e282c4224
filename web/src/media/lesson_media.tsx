// The course editor's media of a lesson: a video lesson's video (upload one, or pick one from the
// library; its processing and a preview), a file lesson's attachment. Each choice is saved at once
// (`save` patches the lesson), apart from the lesson's form.
import type { RequestBody, Schemas } from '../api/client.ts';
import { formatBytes } from '../learn/format.ts';
import { mediaFileUrl } from './api.ts';
import { LibraryPicker, MediaSummary, MediaUpload } from './upload.tsx';

type LessonChanges = RequestBody<'/api/v1/courses/{id}/lessons/{lesson_id}', 'patch'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function LessonMediaEditor({
  lesson,
  save,
}: {
  lesson: Schemas['EditorLesson'];
  save: (changes: LessonChanges) => Promise<void>;
}) {
  if (lesson.kind === 'video') {
    return (
      <div className="stack-small" aria-label={`Video of ${lesson.title}`} role="group">
        {lesson.media_id ? <MediaSummary key={lesson.media_id} id={lesson.media_id} /> : <p className="muted">No video yet.</p>}
        <MediaUpload kind="video" label="Upload video" showResult={false} onUploaded={(id) => save({ media_id: id })} />
        {/* Asks again after a change: a video just uploaded is in the list. */}
        <LibraryPicker key={lesson.media_id ?? ''} kind="video" label="Or choose one of your videos" onPick={(item) => save({ media_id: item.id })} />
      </div>
    );
  }
  if (lesson.kind === 'file') {
    return (
      <div className="stack-small" aria-label={`File of ${lesson.title}`} role="group">
        {lesson.file_key ? (
          <p>
            File:{' '}
            {UUID.test(lesson.file_key) ? (
              <a href={mediaFileUrl(lesson.file_key)} download>
                {lesson.file_name ?? 'download'}
              </a>
            ) : (
              <strong>{lesson.file_name}</strong>
            )}
            {lesson.file_size != null && <> ({formatBytes(lesson.file_size)})</>}
          </p>
        ) : (
          <p className="muted">No file yet.</p>
        )}
        <MediaUpload
          kind="attachment"
          label="Upload file"
          showResult={false}
          onUploaded={(id, file) => save({ file_key: id, file_name: file.name, file_size: file.size })}
        />
        <LibraryPicker
          key={lesson.file_key ?? ''}
          kind="attachment"
          label="Or choose one of your files"
          onPick={(item) => save({ file_key: item.id, file_name: item.file_name, file_size: item.size_bytes })}
        />
      </div>
    );
  }
  return null;
}
