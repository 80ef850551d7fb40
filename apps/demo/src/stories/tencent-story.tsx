import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader, type VodUploadResult } from '@vod-uploader/react';
import { useState } from 'react';

interface Uploaded {
  result: VodUploadResult;
  name: string;
  /** The cloud's poster, else the frame the browser read from the file. */
  poster: string | undefined;
}

/** Tencent Cloud VOD, inline Dashboard, the user presses Upload. */
export function TencentStory() {
  // What the app would save: each finished upload's media id (FileId), URL and poster.
  const [uploaded, setUploaded] = useState<Uploaded[]>([]);
  return (
    <>
      <VodUploader
        provider="tencent"
        endpoint="/api/vod"
        height={320}
        onUploaded={(result, file) =>
          setUploaded((list) => [
            ...list,
            { result, name: file?.name ?? '', poster: result.posterUrl ?? file?.preview },
          ])
        }
      />
      <ul className="uploaded" aria-label="Uploaded">
        {uploaded.map(({ result, name, poster }) => (
          <li key={result.id} data-testid="uploaded-item" data-provider={result.provider}>
            {poster && <img src={poster} alt={`Poster of ${name}`} className="uploaded__poster" />}
            <span>
              Media ID: <code data-testid="media-id">{result.id}</code>
            </span>
            {result.url && <a href={result.url}>{result.url}</a>}
          </li>
        ))}
      </ul>
    </>
  );
}
