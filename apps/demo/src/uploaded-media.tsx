import type { VodUploadResult, VodUppyFile } from '@vod-uploader/react';
import { useCallback, useState } from 'react';

/** What a story keeps of a finished upload: the engine's result and the poster the browser made. */
export interface UploadedItem {
  result: VodUploadResult;
  name: string;
  poster: string | undefined;
}

/** Collects `onUploaded` results for {@link UploadedMedia}. */
export function useUploadedItems() {
  const [items, setItems] = useState<UploadedItem[]>([]);
  const onUploaded = useCallback((result: VodUploadResult, file: VodUppyFile | undefined) => {
    const poster = result.posterUrl ?? result.coverUrl ?? file?.preview;
    // An import from a link has no file.
    const name = file?.name ?? 'Imported from a link';
    setItems((list) => [...list, { result, name, poster }]);
  }, []);
  return { items, onUploaded };
}

/** The list an app would save: media id, URL and poster of every finished upload. */
export function UploadedMedia({ items, title = 'Uploaded' }: { items: UploadedItem[]; title?: string }) {
  if (items.length === 0) return null;
  return (
    <section className="uploaded" aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {items.map(({ result, name, poster }) => (
          <li key={result.id} data-testid="uploaded-item" data-provider={result.provider}>
            {poster && <img src={poster} alt={`Poster of ${name}`} className="uploaded__poster" />}
            <div>
              <div>{name}</div>
              <div>
                Media ID: <code data-testid="media-id">{result.id}</code>
              </div>
              {result.url && (
                <div>
                  URL: <a href={result.url}>{result.url}</a>
                </div>
              )}
              {result.coverUrl && (
                <div>
                  Cover: <a href={result.coverUrl}>{result.coverUrl}</a>
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
