import { decodeAliyunCreateUploadVideo, decodeTencentApplyUpload } from '@vod-uploader/core';

/**
 * Probes of the SDKs' own upload paths, for the README's decisions (see tests/support/measure-sdks.ts):
 * what cos-js-sdk-v5's cancel does, and how often ali-oss reports progress and what one failed part
 * does to its upload. Not used by the plugins.
 */

async function post(route: string, body: unknown): Promise<unknown> {
  const response = await fetch(`/api/vod${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await response.json()) as { result: unknown }).result;
}

function bigBlob(size: number): Blob {
  const chunk = new Uint8Array(1024 * 1024).map((_, i) => (i * 31) & 255);
  return new Blob(Array.from({ length: Math.ceil(size / chunk.length) }, () => chunk));
}

/** Starts cos-js-sdk-v5's sliceUploadFile, cancels it at ~25 %, and reports whether its promise settled. */
export async function probeCosCancel(cosDomain: string, size: number): Promise<Record<string, unknown>> {
  const target = decodeTencentApplyUpload(
    await post('/tencent/apply-upload', { mediaType: 'mp4', fileSize: size }),
  );
  const credential = target.credential as NonNullable<typeof target.credential>;
  const { default: COS } = await import('cos-js-sdk-v5');
  const cos = new COS({
    Domain: cosDomain,
    Protocol: 'http:',
    getAuthorization: (_options, callback) =>
      callback({
        TmpSecretId: credential.secretId,
        TmpSecretKey: credential.secretKey,
        SecurityToken: credential.token,
        StartTime: Math.floor(Date.now() / 1000) - 60,
        ExpiredTime: Math.floor(credential.expiresAt / 1000),
      }),
  });
  let taskId = '';
  let cancelledAt = 0;
  let settled = 'no';
  const upload = cos.sliceUploadFile({
    Bucket: target.bucket,
    Region: target.region,
    Key: target.mediaKey,
    Body: bigBlob(size),
    ChunkSize: 8 * 1024 * 1024,
    onTaskReady: (id: string) => {
      taskId = id;
    },
    onProgress: (info: { percent: number }) => {
      if (!cancelledAt && info.percent > 0.25) {
        cancelledAt = performance.now();
        cos.cancelTask(taskId);
      }
    },
  } as never);
  upload.then(
    () => (settled = 'resolved'),
    () => (settled = 'rejected'),
  );
  const started = performance.now();
  while (!cancelledAt && performance.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 5000));
  return {
    cancelled: cancelledAt > 0,
    settledWithin5s: settled,
    bucket: target.bucket,
    key: target.mediaKey,
  };
}

/** Runs ali-oss's multipartUpload and records every progress call; `failOne` makes the test fail a part first. */
export async function probeOssMultipart(size: number): Promise<Record<string, unknown>> {
  const target = decodeAliyunCreateUploadVideo(
    await post('/aliyun/create-upload-video', { fileName: 'probe.mp4', fileSize: size }),
  );
  const { default: OSS } = await import('ali-oss');
  const client = new OSS({
    accessKeyId: target.credential.accessKeyId,
    accessKeySecret: target.credential.accessKeySecret,
    stsToken: target.credential.securityToken,
    bucket: target.bucket,
    endpoint: target.endpoint,
    region: `oss-${target.region}`,
    secure: false,
    sldEnable: true,
  } as never);
  const reports: number[] = [];
  const started = performance.now();
  try {
    await client.multipartUpload(target.objectKey, bigBlob(size), {
      partSize: 8 * 1024 * 1024,
      parallel: 4,
      progress: (p: number) => {
        reports.push(Math.round(p * 1000) / 1000);
      },
    });
    return { outcome: 'completed', seconds: (performance.now() - started) / 1000, progressReports: reports };
  } catch (error) {
    return {
      outcome: 'rejected',
      error: String((error as Error).message).slice(0, 120),
      seconds: (performance.now() - started) / 1000,
      progressReports: reports,
    };
  }
}
