import {
  backoffDelay,
  decodeAliyunUrlUploadInfo,
  decodeTencentTask,
  decodeUrlImportId,
  ENDPOINT_ROUTES,
  type UrlImportRequest,
  type UrlImportStatus,
  type VodUploadResult,
  vodError,
} from '@vod-uploader/core';
import { EndpointClient } from '../shared/endpoint-client.js';
import { browserEnvironment, throwIfAborted, type UploadEnvironment } from '../shared/environment.js';
import { resolveRetry } from '../shared/retry-options.js';
import {
  URL_IMPORTER_DEFAULTS,
  type UrlImporterOptions,
  type UrlImportProvider,
} from './url-importer-options.js';

/** Where an import stands while it runs: sent to the endpoint, queued by the cloud, or downloading. */
export type UrlImportPhase = 'submitting' | 'waiting' | 'processing';

/** Options of one {@link UrlImporter.import} call. */
export interface UrlImportRunOptions {
  /** Stops the submit and the polling (the cloud's task itself goes on: neither cloud can cancel it). */
  signal?: AbortSignal;
  /**
   * 1 for a first try, 2, 3… for each retry after the cloud's task failed: a retry is then a new
   * import, while a double submit of the same try is one import (the endpoint dedups on it).
   */
  attempt?: number;
  /** Told each time the phase changes, with the cloud's task (Tencent) or job (Alibaba) id once known. */
  onPhase?: (phase: UrlImportPhase, taskId: string | undefined) => void;
}

const ROUTES = {
  tencent: { submit: ENDPOINT_ROUTES.tencentPullUpload, status: ENDPOINT_ROUTES.tencentTask },
  aliyun: { submit: ENDPOINT_ROUTES.aliyunUrlImport, status: ENDPOINT_ROUTES.aliyunUrlImportStatus },
} as const;

/**
 * Imports a media from an http(s) link into the VOD cloud: asks the credential endpoint to start the
 * cloud's task (Tencent `PullUpload`, Alibaba `UploadMediaByURL`), then follows it through waiting
 * and processing to its media id, asking at most every `pollIntervalMs` and less often as it goes on.
 * Resolves with the same {@link VodUploadResult} as a file upload; rejects with a `VodUploadError`
 * (`cloud_refused` with the cloud's code and reason when its task failed, `aborted` on abort).
 * @example
 * const importer = new UrlImporter({ provider: 'tencent', endpoint: '/api/vod' });
 * const result = await importer.import({ mediaUrl: 'https://example.com/a.mp4' }, { signal });
 * save(result.id);
 */
export class UrlImporter {
  readonly provider: UrlImportProvider;
  private readonly client: EndpointClient;
  /** The same endpoint, with retries of status reads spaced no closer than polls. */
  private readonly reader: EndpointClient;
  private readonly env: UploadEnvironment;
  private readonly minDelay: number;
  private readonly maxDelay: number;

  constructor(options: UrlImporterOptions) {
    if (options.provider !== 'tencent' && options.provider !== 'aliyun') {
      throw vodError(
        'config_invalid',
        `provider: ${JSON.stringify(options.provider)} cannot import links; use tencent or aliyun`,
        { field: 'provider' },
      );
    }
    if (!options.endpoint) throw vodError('config_invalid', 'endpoint: required', { field: 'endpoint' });
    this.provider = options.provider;
    this.env = options.environment ?? browserEnvironment;
    this.minDelay = options.pollIntervalMs ?? URL_IMPORTER_DEFAULTS.pollIntervalMs;
    this.maxDelay = Math.max(
      this.minDelay,
      options.maxPollIntervalMs ?? URL_IMPORTER_DEFAULTS.maxPollIntervalMs,
    );
    const retry = resolveRetry(options.retry);
    const shared = {
      endpoint: options.endpoint,
      provider: options.provider,
      retry,
      env: this.env,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    };
    this.client = new EndpointClient(shared);
    // A retried status read is still a read: it waits no less than a poll does. Twice the interval,
    // because up to half of a retry's backoff is random jitter.
    const floor = 2 * this.minDelay;
    this.reader = new EndpointClient({
      ...shared,
      retry: {
        ...retry,
        baseDelayMs: Math.max(retry.baseDelayMs, floor),
        maxDelayMs: Math.max(retry.maxDelayMs, floor),
      },
    });
  }

  /** Starts the import and resolves once the cloud holds the media. */
  async import(request: UrlImportRequest, options: UrlImportRunOptions = {}): Promise<VodUploadResult> {
    const { signal, onPhase } = options;
    const routes = ROUTES[this.provider];
    throwIfAborted(signal);
    onPhase?.('submitting', undefined);
    const attempt = options.attempt ?? 1;
    // `attempt` is only sent for retries, so an endpoint older than the field still takes first tries.
    const body = attempt > 1 ? { ...request, attempt } : request;
    const taskId = decodeUrlImportId(this.provider, await this.client.post(routes.submit, body, signal));
    onPhase?.('waiting', taskId);
    let phase: UrlImportPhase = 'waiting';
    for (let poll = 0; ; poll++) {
      await this.env.sleep(this.delayBefore(poll), signal);
      const raw = await this.reader.get(`${routes.status}/${encodeURIComponent(taskId)}`, signal);
      const status = this.decode(raw, taskId);
      if (status.state === 'succeeded') return this.resultOf(status.mediaId ?? '', raw);
      if (status.state === 'failed') throw this.failure(status, taskId);
      if (status.state !== phase) {
        phase = status.state;
        onPhase?.(phase, taskId);
      }
    }
  }

  /** Wait before status read number `poll`: `pollIntervalMs` doubling up to `maxPollIntervalMs`, never less. */
  private delayBefore(poll: number): number {
    const delay = backoffDelay(poll, { baseMs: this.minDelay, maxMs: this.maxDelay, jitter: 0.2 });
    return Math.min(this.maxDelay, Math.max(this.minDelay, delay));
  }

  private decode(raw: unknown, taskId: string): UrlImportStatus {
    return this.provider === 'tencent'
      ? decodeTencentTask(raw)
      : decodeAliyunUrlUploadInfo(raw, { jobId: taskId });
  }

  private failure(status: UrlImportStatus, taskId: string) {
    const reason = status.message ?? `The import task ${taskId} failed.`;
    // Retryable: the usual causes (the link was down, not public yet, a 404) can be fixed at the source.
    return vodError('cloud_refused', reason, {
      provider: this.provider,
      cloudCode: status.cloudCode ?? 'ImportFailed',
      field: 'mediaUrl',
      retryable: true,
    });
  }

  private resultOf(mediaId: string, raw: unknown): VodUploadResult {
    const result: VodUploadResult = { provider: this.provider, id: mediaId, raw };
    if (this.provider === 'tencent') {
      const task = pick(raw, 'Response', 'PullUploadTask');
      const url = pick(task, 'FileUrl') ?? pick(task, 'MediaBasicInfo', 'MediaUrl');
      const cover = pick(task, 'MediaBasicInfo', 'CoverUrl');
      if (typeof url === 'string' && url) result.url = url;
      if (typeof cover === 'string' && cover) result.coverUrl = cover;
    }
    return result;
  }
}

function pick(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    current =
      typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}
