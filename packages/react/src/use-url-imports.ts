import type { VodUploaderOptions, VodUrlImportOptions } from '@vod-uploader/uppy';
import { headersOf, type UrlImportInput, type UrlImportItem, UrlImportList } from '@vod-uploader/uppy';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useMergedOptions } from './vod-uploader-defaults.js';

/** Options of {@link useUrlImports}: the uploader's, plus the import's own. */
export interface UseUrlImportsOptions
  extends Pick<
    VodUploaderOptions,
    'provider' | 'endpoint' | 'headers' | 'getToken' | 'locale' | 'onUploaded' | 'onError'
  > {
  urlImport?: VodUrlImportOptions;
}

/** What {@link useUrlImports} returns. */
export interface UrlImportsHandle {
  /** False for a provider whose cloud cannot import links (S3): nothing can be added. */
  supported: boolean;
  /** Every import of this hook, in the order added; re-rendered on every change. */
  items: readonly UrlImportItem[];
  /** Starts importing links; the same link and name already running or done is not imported twice. */
  add: (inputs: readonly UrlImportInput[]) => void;
  /** Tries a failed import again (a new cloud task). */
  retry: (id: string) => void;
  /** Forgets an import. */
  remove: (id: string) => void;
}

const NONE: readonly UrlImportItem[] = [];

/**
 * Headless "import from a link" (Tencent `PullUpload`, Alibaba `UploadMediaByURL`): each finished
 * import calls `onUploaded(result, undefined)` like a file upload; failures call `onError`. Polling
 * stops when the component unmounts.
 * @example
 * const { items, add } = useUrlImports({ provider: 'tencent', endpoint: '/api/vod', onUploaded: save });
 * add([{ url: 'https://example.com/talk.mp4' }]);
 */
export function useUrlImports(props: UseUrlImportsOptions): UrlImportsHandle {
  const options = useMergedOptions(props);
  const latest = useRef(options);
  latest.current = options;
  const { provider, endpoint } = options;
  const { pollIntervalMs, maxPollIntervalMs } = options.urlImport ?? {};

  const list = useMemo(() => {
    if (provider !== 'tencent' && provider !== 'aliyun') return undefined;
    return new UrlImportList({
      provider,
      endpoint,
      headers: () => headersOf(latest.current),
      ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
      ...(maxPollIntervalMs === undefined ? {} : { maxPollIntervalMs }),
      ...(latest.current.urlImport?.retry ? { retry: latest.current.urlImport.retry } : {}),
      onImported: (result) => latest.current.onUploaded?.(result, undefined),
      onError: (error) => latest.current.onError?.(error, undefined),
    });
  }, [provider, endpoint, pollIntervalMs, maxPollIntervalMs]);

  // Unmounting stops the polling: nobody is left to see the result.
  useEffect(() => () => list?.stopAll(), [list]);

  const subscribe = list?.subscribe ?? noSubscribe;
  const getSnapshot = list?.getSnapshot ?? noItems;
  const items = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);

  return useMemo(
    () => ({
      supported: list !== undefined,
      items,
      add: (inputs: readonly UrlImportInput[]) => void list?.add(inputs),
      retry: (id: string) => list?.retry(id),
      remove: (id: string) => list?.remove(id),
    }),
    [list, items],
  );
}

function noSubscribe(): () => void {
  return () => undefined;
}

function noItems(): readonly UrlImportItem[] {
  return NONE;
}
