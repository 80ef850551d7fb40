import Uppy from '@uppy/core';
import { createVodPlugin } from '../create-vod-plugin.js';
import type { VodPluginOptions } from '../vod-plugin-options.js';
import { addFilesInChunks } from './add-files-in-chunks.js';
import { uppyLocaleOf } from './uppy-locale-of.js';
import type { VodHeaders, VodUploaderOptions } from './vod-uploader-options.js';
import type { VodUppy } from './vod-uppy.js';

/**
 * An Uppy instance wired to the provider's plugin. Options that may change later are read through
 * `current()` (headers, token) or re-applied with {@link applyVodOptions}; only `provider` and
 * `endpoint` need a new instance.
 */
export function createVodUppy(
  options: Omit<VodUploaderOptions, 'provider'> & { provider: VodUploaderOptions['provider'] | undefined },
  current: () => VodUploaderOptions,
): VodUppy {
  const uppy: VodUppy = new Uppy({ autoProceed: Boolean(options.autoProceed) });
  addFilesInChunks(uppy);
  applyVodOptions(uppy, options);
  const pluginOptions = {
    ...options.pluginOptions,
    endpoint: options.endpoint,
    headers: () => headersOf(current()),
  } as VodPluginOptions;
  // Without a provider the instance only holds files (used to show a configuration error).
  if (options.provider) uppy.use(createVodPlugin(options.provider), pluginOptions);
  return uppy;
}

/** Re-applies the options Uppy can change on a live instance. */
export function applyVodOptions(uppy: VodUppy, options: Omit<VodUploaderOptions, 'provider'>): void {
  const { allowedFileTypes, maxFileSize, maxNumberOfFiles } = options.restrictions ?? {};
  const locale = uppyLocaleOf(options.locale);
  uppy.setOptions({
    autoProceed: Boolean(options.autoProceed),
    restrictions: {
      allowedFileTypes: allowedFileTypes ?? null,
      maxFileSize: maxFileSize ?? null,
      maxNumberOfFiles: maxNumberOfFiles ?? null,
    },
    locale,
  });
  if (options.meta) uppy.setMeta(options.meta);
}

/** The endpoint headers of these options: `headers`, plus `Authorization` from `getToken`. */
export async function headersOf(
  options: Pick<VodUploaderOptions, 'headers' | 'getToken'>,
): Promise<Record<string, string>> {
  const base = await resolveHeaders(options.headers);
  if (!options.getToken) return base;
  return { ...base, Authorization: `Bearer ${await options.getToken()}` };
}

async function resolveHeaders(headers: VodHeaders | undefined): Promise<Record<string, string>> {
  if (!headers) return {};
  return typeof headers === 'function' ? headers() : headers;
}
