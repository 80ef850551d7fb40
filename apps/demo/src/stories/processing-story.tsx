import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { type VodReadyMedia, VodUploader, VodUploadField, type VodUploadResult } from '@vod-uploader/react';
import { useCallback, useState } from 'react';

/**
 * The upload ends when the video can be played: the endpoint at `/api/vod-processing` asks each
 * upload for processing (its `prepareUpload` sets Tencent's `Procedure`, Alibaba's
 * `TemplateGroupId`), and `onReady` turns the processing state on: "Processing…" with the cloud's
 * stage, then "Ready" with a link that plays the transcoded video, or why processing failed. The
 * form's field takes the media id as soon as the upload is done (saving does not wait for ready)
 * and shows the same processing line under it (`waitForReady`).
 */
function ProcessingStory({ provider }: { provider: 'tencent' | 'aliyun' }) {
  // What the app would save at once: each finished upload's media id (it plays once ready).
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
  const [ready, setReady] = useState<VodReadyMedia[]>([]);
  const onReady = useCallback((media: VodReadyMedia) => setReady((list) => [...list, media]), []);
  const [saved, setSaved] = useState<string>();
  return (
    <>
      <VodUploader
        provider={provider}
        endpoint="/api/vod-processing"
        height={320}
        autoProceed
        onUploaded={(result) => setUploaded((list) => [...list, result])}
        onReady={onReady}
      />
      <ul className="uploaded" aria-label="Uploaded">
        {uploaded.map((media) => (
          <li key={media.id} data-testid="uploaded-item" data-provider={media.provider}>
            <span>
              Media ID: <code data-testid="media-id">{media.id}</code>
            </span>
            {media.url && <a href={media.url}>{media.url}</a>}
          </li>
        ))}
      </ul>
      <form
        aria-label="Article"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(String(new FormData(event.currentTarget).get('videoId')));
        }}
      >
        <VodUploadField
          provider={provider}
          endpoint="/api/vod-processing"
          label="Video (form field)"
          name="videoId"
          waitForReady
        />
        <button type="submit">Save</button>
        {saved !== undefined && <output data-testid="saved">Saved: {saved}</output>}
      </form>
      {ready.length > 0 && (
        <section className="uploaded" aria-label="Ready to play">
          <h3>Ready to play (onReady)</h3>
          <ul>
            {ready.map((media) => (
              <li key={media.id} data-testid="ready-item">
                <div>
                  <div>
                    Media ID: <code>{media.id}</code>
                    {media.durationSeconds !== undefined && ` · ${media.durationSeconds} s`}
                  </div>
                  {media.playUrl && (
                    <div>
                      Plays at: <a href={media.playUrl}>{media.playUrl}</a>
                    </div>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Tencent Cloud VOD with a `Procedure` (task flow) on every upload. */
export function TencentProcessingStory() {
  return <ProcessingStory provider="tencent" />;
}

/** Alibaba Cloud VOD with a `TemplateGroupId` (transcoding template group) on every upload. */
export function AliyunProcessingStory() {
  return <ProcessingStory provider="aliyun" />;
}
