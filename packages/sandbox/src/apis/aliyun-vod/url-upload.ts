import { ALIYUN_BUCKET } from '../../descriptor.js';
import type { SandboxContext } from '../../http/api-module.js';
import { importMediaFromUrl, MediaImportError } from '../../media-import.js';
import { isHttpUrl, MEDIA_EXTENSIONS } from './param-rules.js';
import { newMediaId, newVideoKey } from './upload-auth.js';
import { withoutUndefined } from './upload-video.js';
import { callback } from './video-processing.js';
import type { VodAction } from './vod-action.js';
import { invalid } from './vod-error.js';
import { URL_JOBS, VIDEOS, type VideoRecord, vodTime } from './vod-records.js';

/**
 * Status of a URL upload job. The cloud names more intermediate states (`DOWNLOADING`, `UPLOADING`...);
 * the sandbox passes through `PENDING` → `PROCESSING` → `SUCCESS`, or `DOWNLOAD_FAIL`.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-geturluploadinfos
 */
export type UrlJobStatus = 'PENDING' | 'PROCESSING' | 'SUCCESS' | 'DOWNLOAD_FAIL';

/** One job of UploadMediaByURL, as GetURLUploadInfos reports it. */
export interface UrlUploadJob {
  JobId: string;
  UploadURL: string;
  Status: UrlJobStatus;
  MediaId: string;
  ErrorCode: string;
  ErrorMessage: string;
  FileSize: string;
  CreationTime: string;
  CompleteTime: string;
  UserData?: string;
  /** What UploadMetadatas said about this URL (Title, Description, CateId, Tags...). */
  metadata: Record<string, unknown>;
}

/**
 * `ErrorCode` of a failed download (a sandbox choice; the cloud's codes are not published): the
 * origin's HTTP status when it answered one, else a word for the reason.
 */
function errorCodeOf(error: MediaImportError): string {
  if (error.reason === 'http_status') return /HTTP (\d{3})/.exec(error.message)?.[1] ?? 'DownloadFailed';
  return {
    unreachable: 'DownloadFailed',
    not_media: 'InvalidMediaType',
    empty: 'EmptyFile',
    refused: 'DownloadFailed',
    too_large: 'FileSizeExceeded',
  }[error.reason];
}

/**
 * UploadMediaByURL: `UploadURLs` (comma-separated, each URL-encoded, ≤ 20) and optional
 * `UploadMetadatas` (a JSON array of `{ SourceURL, Title, FileExtension, ... }`). Each URL becomes a job
 * that downloads in the background into OSS and creates a video.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-uploadmediabyurl
 */
export const uploadMediaByUrl: VodAction = async (params, ctx) => {
  const urls = params
    .required('UploadURLs')
    .split(',')
    .map((encoded) => {
      try {
        return decodeURIComponent(encoded.trim());
      } catch {
        throw invalid('UploadURLs', 'holds a URL that is not URL-encoded correctly.');
      }
    });
  if (urls.length > 20) throw invalid('UploadURLs', 'holds more than 20 URLs.');
  if (urls.some((url) => !isHttpUrl(url))) throw invalid('UploadURLs', 'must hold http or https URLs only.');
  const metadatas = parseMetadatas(params.get('UploadMetadatas'));
  const now = vodTime(ctx.clock.now());
  const jobs = urls.map((url) => {
    const metadata = metadatas.find((m) => m.SourceURL === url || m.SourceURL === encodeURI(url)) ?? {};
    const job = withoutUndefined<UrlUploadJob>({
      JobId: newMediaId(),
      UploadURL: url,
      Status: 'PENDING',
      MediaId: '',
      ErrorCode: '',
      ErrorMessage: '',
      FileSize: '',
      CreationTime: now,
      CompleteTime: '',
      UserData: params.get('UserData'),
      metadata,
    });
    ctx.state.put(URL_JOBS, job.JobId, job);
    return job;
  });
  for (const job of jobs) void runJob(ctx, job.JobId);
  return { UploadJobs: jobs.map((job) => ({ JobId: job.JobId, SourceURL: job.UploadURL })) };
};

function parseMetadatas(raw: string | undefined): Array<Record<string, unknown>> {
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('UploadMetadatas', 'is not valid JSON.');
  }
  if (!Array.isArray(parsed) || parsed.some((m) => m === null || typeof m !== 'object' || Array.isArray(m))) {
    throw invalid('UploadMetadatas', 'must be a JSON array of objects.');
  }
  return parsed as Array<Record<string, unknown>>;
}

/** Downloads one job's URL and creates its video; every outcome lands in the job record. */
async function runJob(ctx: SandboxContext, jobId: string): Promise<void> {
  const update = (patch: Partial<UrlUploadJob>) => {
    const job = ctx.state.get<UrlUploadJob>(URL_JOBS, jobId);
    return job ? ctx.state.put(URL_JOBS, jobId, { ...job, ...patch }) : undefined;
  };
  const job = update({ Status: 'PROCESSING' });
  if (!job) return;
  const key = newVideoKey(extensionOf(job));
  try {
    const meta = await importMediaFromUrl(ctx, job.UploadURL, ALIYUN_BUCKET, key);
    const now = vodTime(ctx.clock.now());
    const title = typeof job.metadata.Title === 'string' ? job.metadata.Title : fileNameOf(job.UploadURL);
    const video = withoutUndefined<VideoRecord>({
      VideoId: newMediaId(),
      Title: title.slice(0, 128),
      OriginalFileName: fileNameOf(job.UploadURL),
      Description: typeof job.metadata.Description === 'string' ? job.metadata.Description : undefined,
      Tags: typeof job.metadata.Tags === 'string' ? job.metadata.Tags : undefined,
      StorageLocation: ALIYUN_BUCKET,
      AppId: 'app-1000000',
      Size: meta.size,
      // Like an uploaded video: the first read sees the object and reports UploadSucc.
      Status: 'Uploading',
      CreationTime: job.CreationTime,
      ModificationTime: now,
      ObjectKey: key,
      SourceURL: job.UploadURL,
      UserData: job.UserData,
    });
    ctx.state.put(VIDEOS, video.VideoId, video);
    update({ Status: 'SUCCESS', MediaId: video.VideoId, FileSize: String(meta.size), CompleteTime: now });
    const fields = { JobId: jobId, SourceURL: job.UploadURL, Status: 'success', Size: meta.size };
    callback(ctx, video, 'UploadByURLComplete', fields);
  } catch (error) {
    const known = error instanceof MediaImportError ? error : undefined;
    const failure = {
      ErrorCode: known ? errorCodeOf(known) : 'InternalError',
      ErrorMessage: (error as Error).message,
    };
    update({ Status: 'DOWNLOAD_FAIL', ...failure, CompleteTime: vodTime(ctx.clock.now()) });
    // A failed pull has no video: the callback names the job and the URL.
    ctx.events.aliyun({
      EventTime: vodTime(ctx.clock.now()),
      EventType: 'UploadByURLComplete',
      JobId: jobId,
      SourceURL: job.UploadURL,
      Status: 'fail',
      ...failure,
    });
  }
}

/** `FileExtension` of the metadata, else the URL path's when it is a media extension, else mp4. */
function extensionOf(job: UrlUploadJob): string {
  const given = job.metadata.FileExtension;
  if (typeof given === 'string' && MEDIA_EXTENSIONS.has(given.toLowerCase())) return given.toLowerCase();
  const fromPath = /\.([A-Za-z0-9]+)$/.exec(new URL(job.UploadURL).pathname)?.[1]?.toLowerCase();
  return fromPath && MEDIA_EXTENSIONS.has(fromPath) ? fromPath : 'mp4';
}

function fileNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split('/').pop() || 'media');
}

/**
 * GetURLUploadInfos: by `JobIds` (which win) or `UploadURLs`, each comma-separated, ≤ 10. Unknown
 * ones come back in `NonExists`.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-geturluploadinfos
 */
export const getUrlUploadInfos: VodAction = async (params, ctx) => {
  const jobIds = params.get('JobIds');
  const rawUrls = params.get('UploadURLs');
  if (jobIds === undefined && rawUrls === undefined) throw invalid('JobIds', 'or UploadURLs must be given.');
  const all = ctx.state.list<UrlUploadJob>(URL_JOBS);
  const wanted = (jobIds ?? rawUrls ?? '').split(',').map((item) => item.trim());
  if (wanted.length > 10) throw invalid(jobIds ? 'JobIds' : 'UploadURLs', 'holds more than 10 items.');
  const found: UrlUploadJob[] = [];
  const nonExists: string[] = [];
  for (const item of wanted) {
    let matches: UrlUploadJob[];
    if (jobIds) {
      matches = all.filter((job) => job.JobId === item);
    } else {
      let url: string;
      try {
        url = decodeURIComponent(item);
      } catch {
        url = item;
      }
      matches = all.filter((job) => job.UploadURL === url);
    }
    if (matches.length) found.push(...matches);
    else nonExists.push(item);
  }
  return {
    URLUploadInfoList: found.map(({ metadata: _metadata, ...info }) => info),
    NonExists: nonExists,
  };
};
