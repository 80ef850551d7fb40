import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { describeError, formatDuration, LiveRegion, useVodUploader } from '@vod-uploader/react';

/** Your own UI on the headless hook: a file button, a list with posters and progress bars. */
export function HeadlessStory() {
  const { state, messages, addFiles, upload, retry, removeFile, dismissErrors } = useVodUploader({
    provider: 'tencent',
    endpoint: '/api/vod',
    restrictions: { allowedFileTypes: ['video/*'] },
  });
  const ready = state.files.some((f) => f.status === 'pending') && !state.isUploading;
  // A file's own error is shown in its row. The others concern no file in the list (an image refused
  // by `restrictions`, a batch that failed): without them on screen, choosing an image shows nothing.
  // One line per sentence: two images refused for the same reason say it once.
  const refusals = [
    ...new Set(
      state.errors
        .filter((error) => !state.files.some((file) => file.error === error))
        .map((error) => describeError(error, messages)),
    ),
  ];
  return (
    <div className="headless">
      <label className="headless__pick">
        Add videos
        <input
          type="file"
          accept="video/*"
          multiple
          onChange={(e) => addFiles(e.currentTarget.files ?? [])}
        />
      </label>
      {refusals.length > 0 && (
        // Not role="alert": the live region below already announces each refusal.
        <section className="headless__refusals" aria-label={messages.errorsLabel}>
          <ul>
            {refusals.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
          <button type="button" onClick={dismissErrors}>
            {messages.dismiss}
          </button>
        </section>
      )}
      <ul className="headless__files">
        {state.files.map((file) => (
          <li key={file.id} data-testid="headless-file" data-status={file.status}>
            {file.previewUrl ? (
              <img src={file.previewUrl} alt={`Poster of ${file.name}`} width={128} />
            ) : (
              <span className="headless__no-poster" aria-hidden="true" />
            )}
            <div>
              <strong>{file.name}</strong>
              {file.duration !== undefined && <span> · {formatDuration(file.duration)}</span>}
              <progress max={100} value={file.progress} aria-label={`Progress of ${file.name}`} />
              <span>{file.status === 'done' ? 'Done' : `${file.progress}%`}</span>
              {file.result && (
                <div>
                  Media ID: <code data-testid="media-id">{file.result.id}</code>
                </div>
              )}
              {file.error && (
                <p role="alert">
                  {describeError(file.error, messages)}{' '}
                  <button type="button" onClick={() => retry(file.id)}>
                    Retry
                  </button>
                </p>
              )}
            </div>
            {file.status !== 'uploading' && (
              <button type="button" onClick={() => removeFile(file.id)} aria-label={`Remove ${file.name}`}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" disabled={!ready} onClick={upload}>
        Upload {state.files.length} file(s)
      </button>
      <p>Total: {state.progress}%</p>
      <LiveRegion message={state.announcement} />
    </div>
  );
}
