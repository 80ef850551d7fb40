/**
 * The handler's own cost per request: routing, authorize, JSON body, schema, policy, the cloud
 * layer's call (a zero-latency fake here, so the cloud is excluded) and the JSON answer.
 * Not a test. Run: node --conditions=source --import tsx packages/server/bench/handler-overhead.ts
 */
import { performance } from 'node:perf_hooks';
import { type CloudLayers, createVodHandler, refuse, type VodHandler } from '@vod-uploader/server';

let pullSessionId = '';
const clouds: CloudLayers = {
  tencent: {
    call: async (action, params) => {
      // A task remembers the SessionId (it carries the caller) its pull upload sent, as the cloud does.
      if (action === 'PullUpload') pullSessionId = String(params.SessionId);
      if (action === 'DescribeTaskDetail') {
        return { TaskType: 'PullUpload', Status: 'FINISH', PullUploadTask: { SessionId: pullSessionId } };
      }
      return {
        Action: action,
        MediaStoragePath: '/path/f0.mp4',
        VodSessionKey: 'k'.repeat(200),
        TempCertificate: { SecretId: 'a', SecretKey: 'b', Token: 't'.repeat(300), ExpiredTime: 1 },
        RequestId: 'r',
      };
    },
    applyUploadV2: async () => ({ code: 0 }),
  },
  aliyun: {
    call: async () => ({ VideoId: 'v', UploadAddress: 'a'.repeat(200), UploadAuth: 'b'.repeat(600) }),
  },
  s3: {
    presign: async (op) => `https://bucket.s3.amazonaws.com/${op.key}?X-Amz-Signature=${'0'.repeat(64)}`,
    headObject: async (key) => ({ key, size: 1 }),
    deleteObject: async () => {},
    completeMultipartUpload: async () => ({}),
  },
};

const s3Config = {
  accessKeyId: 'AKIAB',
  secretAccessKey: 'bench-secret-key-2222',
  region: 'us-east-1',
  bucket: 'b',
};

const handler: VodHandler = createVodHandler({
  authorize: (request) => (request.headers.get('authorization') ? { id: 'user-1' } : refuse('unauthorized')),
  tencent: { secretId: 'AKIDbench', secretKey: 'bench-secret-key-0000', region: 'ap-guangzhou' },
  aliyun: { accessKeyId: 'LTAIbench', accessKeySecret: 'bench-secret-key-1111', regionId: 'cn-shanghai' },
  s3: s3Config,
  // The bench host has no DNS: the import scenario's host is allowed as a development host is.
  policy: { maxFileSize: 10 * 1024 ** 3, urlImport: { allowHosts: ['media.example'] } },
  cors: { origins: ['https://app.example'] },
  clouds,
  // Thousands of timed requests from one caller: the default limiter would answer 429.
  rateLimit: false,
});

// The same handler with the real S3 layer: presigning is local SigV4 work, no network, so it counts.
const realS3Handler: VodHandler = createVodHandler({
  authorize: () => ({ id: 'user-1' }),
  s3: s3Config,
  policy: { maxFileSize: 10 * 1024 ** 3 },
  rateLimit: false,
});

const headers = {
  authorization: 'Bearer x',
  'content-type': 'application/json',
  origin: 'https://app.example',
};
const scenarios: Record<string, [VodHandler, () => Request]> = {
  'POST tencent/apply-upload': [
    handler,
    () =>
      new Request('http://x/api/vod/tencent/apply-upload', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          mediaType: 'mp4',
          mediaName: 'holiday',
          coverType: 'jpg',
          fileSize: 123456789,
          coverSize: 54321,
        }),
      }),
  ],
  'POST aliyun/create-upload-video': [
    handler,
    () =>
      new Request('http://x/api/vod/aliyun/create-upload-video', {
        method: 'POST',
        headers,
        body: JSON.stringify({ fileName: 'holiday.mp4', fileSize: 123456789, tags: ['a', 'b'] }),
      }),
  ],
  'POST s3/sign (create)': [handler, s3Create],
  'POST s3/sign (create, real presign)': [realS3Handler, s3Create],
  'POST tencent/pull-upload': [
    handler,
    () =>
      new Request('http://x/api/vod/tencent/pull-upload', {
        method: 'POST',
        headers,
        body: JSON.stringify({ mediaUrl: `https://media.example/${Math.random()}.mp4`, mediaName: 'n' }),
      }),
  ],
  'GET tencent/tasks/:id': [
    handler,
    () => new Request('http://x/api/vod/tencent/tasks/1250000000-task', { headers }),
  ],
  'POST refused (401)': [
    handler,
    () =>
      new Request('http://x/api/vod/tencent/apply-upload', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"mediaType":"mp4"}',
      }),
  ],
};

function s3Create(): Request {
  return new Request('http://x/api/vod/s3/sign', {
    method: 'POST',
    headers,
    body: JSON.stringify({
      method: 'POST',
      key: 'holiday.mp4',
      fileName: 'holiday.mp4',
      fileSize: 1e8,
      partSize: 8 * 1024 ** 2,
    }),
  });
}

/** Times `iterations` sequential requests; request construction is outside the timed section. */
async function measure(target: VodHandler, make: () => Request, iterations: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const request = make();
    const start = performance.now();
    const response = await target(request);
    await response.arrayBuffer();
    times.push((performance.now() - start) * 1000);
  }
  return times.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

console.log(`node ${process.version}, handler overhead per request (cloud excluded), µs`);
console.log('scenario'.padEnd(38), 'median'.padStart(8), 'p95'.padStart(8), 'p99'.padStart(8));
const expectedStatus: Record<string, number> = { 'POST refused (401)': 401 };
for (const [name, [target, make]] of Object.entries(scenarios)) {
  // Measure the path the name says, not an error path by mistake.
  const probe = await target(make());
  if (probe.status !== (expectedStatus[name] ?? 200)) {
    throw new Error(`${name}: answered ${probe.status} ${await probe.text()}`);
  }
  await measure(target, make, 2_000); // warm-up: JIT, zod's compiled checks
  const sorted = await measure(target, make, 20_000);
  console.log(
    name.padEnd(38),
    quantile(sorted, 0.5).toFixed(1).padStart(8),
    quantile(sorted, 0.95).toFixed(1).padStart(8),
    quantile(sorted, 0.99).toFixed(1).padStart(8),
  );
}
