import { describeProcessing, type VodFileSnapshot, type VodMessages } from '@vod-uploader/uppy';

/** Props of {@link ProcessingList}. */
export interface ProcessingListProps {
  files: VodFileSnapshot[];
  messages: VodMessages;
}

/**
 * The uploaded files whose media the cloud is processing or has processed (`waitForReady`): each
 * row reads "Processing…" (with the cloud's stage), then "Ready" with a link that plays it (the
 * cloud's poster replaces the browser's frame), or why processing failed. A row keeps its size through every state (the poster box is
 * there from the start), so nothing below moves when a video becomes ready; the changes are
 * announced by the uploader's live region, not here.
 */
export function ProcessingList({ files, messages }: ProcessingListProps) {
  const shown = files.filter((file) => file.processing);
  if (shown.length === 0) return null;
  return (
    <section className="vod-processing" aria-label={messages.processing.label}>
      <ul>
        {shown.map((file) => {
          const state = file.processing;
          if (!state) return null;
          const media = state.state === 'ready' ? state.media : undefined;
          const link = media?.playUrl ?? media?.posterUrl;
          return (
            <li
              key={file.id}
              className="vod-processing__item"
              data-state={state.state}
              data-code={state.state === 'failed' ? state.error.code : undefined}
            >
              <span className="vod-processing__thumb" aria-hidden="true">
                {(media?.posterUrl ?? file.previewUrl) && (
                  <img src={media?.posterUrl ?? file.previewUrl} alt="" />
                )}
              </span>
              <span className="vod-processing__name">{file.name}</span>
              <span className="vod-processing__state">
                {describeProcessing(state, messages)}
                {link && (
                  <>
                    {' · '}
                    <a href={link} target="_blank" rel="noreferrer">
                      {messages.processing.play}
                    </a>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
