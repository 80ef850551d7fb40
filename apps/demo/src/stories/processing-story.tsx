import { type VodReadyMedia, VodUploader, VodUploadField } from '@vod-uploader/react';
import { useCallback, useState } from 'react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/**
 * The upload ends when the video can be played: the endpoint at `/api/vod-processing` asks each
 * upload for processing (its `prepareUpload` sets Tencent's `Procedure`, Alibaba's
 * `TemplateGroupId`), and `onReady` turns the processing state on: "Processing…" with the cloud's
 * stage, then "Ready" with a link that plays the transcoded video, or why processing failed. The
 * form's field takes the media id as soon as the upload is done (saving does not wait for ready)
 * and shows the same processing line under it (`waitForReady`).
 */
function ProcessingStory({ provider }: { provider: 'tencent' | 'aliyun' }) {
  const { items, onUploaded } = useUploadedItems();
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
        onUploaded={onUploaded}
        onReady={onReady}
      />
      <UploadedMedia items={items} />
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
