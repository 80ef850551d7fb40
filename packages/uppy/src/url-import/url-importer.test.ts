import { describe, expect, it } from 'vitest';
import { expectVodUploadError } from '../../tests/support/expect-vod-upload-error.js';
import type { UploadEnvironment } from '../shared/environment.js';
import { abortableSleep } from '../shared/environment.js';
import { UrlImporter, type UrlImportPhase } from './url-importer.js';

const serverTime = 1_700_000_000_000;
const ok = (result: unknown) => new Response(JSON.stringify({ result, serverTime }), { status: 200 });
const fail = (status: number, error: unknown) => new Response(JSON.stringify({ error }), { status });

const tencentTask = (Status: string, task: Record<string, unknown> = {}) => ({
  Response: { TaskType: 'PullUpload', Status, PullUploadTask: { ErrCode: 0, ...task }, RequestId: 'r' },
});
const aliyunJob = (JobId: string, Status: string, extra: Record<string, unknown> = {}) => ({
  URLUploadInfoList: [{ JobId, Status, ...extra }],
  RequestId: 'r',
});

/** An environment whose sleeps are recorded and take 1 ms, so polling runs at test speed. */
function fakeEnv(sleeps: number[]): UploadEnvironment {
  return {
    now: () => serverTime,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return abortableSleep(1, signal);
    },
    isOnline: () => true,
    waitOnline: () => Promise.resolve(),
  };
}

function importer(
  provider: 'tencent' | 'aliyun',
  answers: Array<Response | Error>,
  log: Request[],
  sleeps: number[],
) {
  return new UrlImporter({
    provider,
    endpoint: 'http://app.test/api/vod',
    headers: async () => ({ authorization: 'Bearer t' }),
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 },
    environment: fakeEnv(sleeps),
    fetch: async (input, init) => {
      log.push(new Request(input, init));
      const answer = answers.shift();
      if (!answer) throw new Error('no more answers');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
}

describe('UrlImporter', () => {
  it('submits the link (Tencent), follows WAITING → PROCESSING → FINISH, and resolves with the FileId', async () => {
    const log: Request[] = [];
    const sleeps: number[] = [];
    const phases: Array<[UrlImportPhase, string | undefined]> = [];
    const answers = [
      ok({ Response: { TaskId: 'task-1', RequestId: 'r' } }),
      ok(tencentTask('WAITING')),
      ok(tencentTask('PROCESSING')),
      ok(tencentTask('PROCESSING')),
      ok(tencentTask('FINISH', { FileId: '5285890781', FileUrl: 'http://vod.test/a.mp4' })),
    ];
    const result = await importer('tencent', answers, log, sleeps).import(
      { mediaUrl: 'https://media.test/a.mp4', mediaName: 'A' },
      { onPhase: (phase, id) => phases.push([phase, id]) },
    );
    expect(result).toMatchObject({ provider: 'tencent', id: '5285890781', url: 'http://vod.test/a.mp4' });
    expect(phases).toEqual([
      ['submitting', undefined],
      ['waiting', 'task-1'],
      ['processing', 'task-1'],
    ]);
    const [submit, ...polls] = log;
    expect(submit?.method).toBe('POST');
    expect(submit?.url).toBe('http://app.test/api/vod/tencent/pull-upload');
    expect(submit?.headers.get('authorization')).toBe('Bearer t');
    expect(await submit?.json()).toEqual({ mediaUrl: 'https://media.test/a.mp4', mediaName: 'A' });
    expect(polls.map((r) => `${r.method} ${r.url}`)).toEqual(
      Array(4).fill('GET http://app.test/api/vod/tencent/tasks/task-1'),
    );
    expect(polls.every((r) => r.headers.get('authorization') === 'Bearer t')).toBe(true);
    // Never more often than every 2 s, and backing off: 2 s, then at least 2 s growing to 8 s.
    expect(sleeps).toHaveLength(4);
    expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(2000);
    expect(sleeps[0]).toBe(2000);
    expect(sleeps[3]).toBeGreaterThanOrEqual(sleeps[1] ?? 0);
    expect(sleeps[3]).toBeGreaterThanOrEqual(12_800);
  });

  it('caps the wait between polls at maxPollIntervalMs', async () => {
    const sleeps: number[] = [];
    const waiting = Array.from({ length: 12 }, () => ok(aliyunJob('job-1', 'PENDING')));
    const answers = [
      ok({ UploadJobs: [{ JobId: 'job-1', SourceURL: 'https://media.test/b.mov' }], RequestId: 'r' }),
      ...waiting,
      ok(aliyunJob('job-1', 'SUCCESS', { MediaId: 'vid-9' })),
    ];
    const result = await importer('aliyun', answers, [], sleeps).import({
      mediaUrl: 'https://media.test/b.mov',
    });
    expect(result).toMatchObject({ provider: 'aliyun', id: 'vid-9' });
    // At the cap the jitter still spreads pages apart, downwards only.
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(30_000);
    expect(sleeps.filter((ms) => ms >= 24_000).length).toBeGreaterThan(5);
  });

  it("rejects with cloud_refused carrying the cloud's code and reason when the task fails", async () => {
    const answers = [
      ok({ UploadJobs: [{ JobId: 'job-2' }] }),
      ok(aliyunJob('job-2', 'PROCESSING')),
      ok(aliyunJob('job-2', 'DOWNLOAD_FAIL', { ErrorCode: '404', ErrorMessage: 'answered HTTP 404' })),
    ];
    const error = await importer('aliyun', answers, [], [])
      .import({ mediaUrl: 'https://media.test/gone.mp4' })
      .catch((e: unknown) => e);
    expectVodUploadError(error, {
      code: 'cloud_refused',
      provider: 'aliyun',
      cloudCode: '404',
      field: 'mediaUrl',
      message: 'answered HTTP 404',
      retryable: true,
    });
  });

  it('sends the attempt number only for a retry', async () => {
    const log: Request[] = [];
    const answers = [ok({ Response: { TaskId: 't' } }), ok(tencentTask('FINISH', { FileId: 'f' }))];
    await importer('tencent', answers, log, []).import({ mediaUrl: 'https://m.test/a.mp4' }, { attempt: 3 });
    expect(await log[0]?.json()).toEqual({ mediaUrl: 'https://m.test/a.mp4', attempt: 3 });
  });

  it("passes the endpoint's refusal on without polling (a policy refusal is not retried)", async () => {
    const log: Request[] = [];
    const refusal = {
      code: 'policy_refused',
      message: 'mediaUrl: only http and https',
      field: 'mediaUrl',
      retryable: false,
    };
    const error = await importer('tencent', [fail(400, refusal)], log, [])
      .import({ mediaUrl: 'ftp://m.test/a.mp4' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'policy_refused', provider: 'tencent', field: 'mediaUrl' });
    expect(log).toHaveLength(1);
  });

  it('retries a status read that failed on the network, then goes on polling', async () => {
    const log: Request[] = [];
    const answers = [
      ok({ Response: { TaskId: 't' } }),
      new TypeError('fetch failed'),
      fail(503, { code: 'cloud_unavailable', message: 'down', retryable: true }),
      ok(tencentTask('FINISH', { FileId: 'f-2' })),
    ];
    const sleeps: number[] = [];
    const result = await importer('tencent', answers, log, sleeps).import({
      mediaUrl: 'https://m.test/a.mp4',
    });
    expect(result.id).toBe('f-2');
    expect(log).toHaveLength(4);
    // One poll wait, two retry waits: none shorter than the poll interval.
    expect(sleeps).toHaveLength(3);
    expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(2000);
  });

  it('stops polling at once when the signal aborts, and rejects with aborted', async () => {
    const log: Request[] = [];
    const controller = new AbortController();
    const env: UploadEnvironment = { ...fakeEnv([]), sleep: (_ms, signal) => abortableSleep(60_000, signal) };
    const subject = new UrlImporter({
      provider: 'tencent',
      endpoint: '/api/vod',
      environment: env,
      fetch: async (input, init) => {
        log.push(new Request(new URL(String(input), 'http://app.test'), init));
        return ok({ Response: { TaskId: 't' } });
      },
    });
    const started = Date.now();
    const running = subject.import({ mediaUrl: 'https://m.test/a.mp4' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(running).rejects.toMatchObject({ code: 'aborted' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(log.map((r) => r.method)).toEqual(['POST']);
  });

  it('refuses a provider that cannot import links', () => {
    expect(() => new UrlImporter({ provider: 's3' as 'tencent', endpoint: '/api/vod' })).toThrow(
      expect.objectContaining({ code: 'config_invalid', field: 'provider' }),
    );
  });
});
