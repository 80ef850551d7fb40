import type { MediaStatus, VodUploadError } from '@vod-uploader/core';
import { describe, expect, it, vi } from 'vitest';
import { expectVodUploadError } from '../../tests/support/expect-vod-upload-error.js';
import { useFakeClock } from '../../tests/support/use-fake-clock.js';
import { EndpointClient } from '../shared/endpoint-client.js';
import { browserEnvironment } from '../shared/environment.js';
import { pollMediaStatus } from './poll-media-status.js';

const ok = (result: unknown) =>
  new Response(JSON.stringify({ result, serverTime: Date.now() }), { status: 200 });
const fail = (status: number, error: unknown) => new Response(JSON.stringify({ error }), { status });
const processing = (stage?: string): MediaStatus => ({
  state: 'processing',
  mediaId: 'm-1',
  ...(stage ? { stage } : {}),
});
const ready: MediaStatus = { state: 'ready', mediaId: 'm-1', playUrl: 'http://vod.test/m-1.mp4' };

/** A fake endpoint: answers in order, records when (fake ms since start) and what each read sent. */
function fakeEndpoint(answers: Array<Response | (() => Response)>) {
  const start = Date.now();
  const reads: Array<{ at: number; url: string; body: unknown }> = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    reads.push({ at: Date.now() - start, url: String(input), body: JSON.parse(String(init?.body)) });
    const answer = answers.shift();
    if (!answer) throw new TypeError('Failed to fetch');
    return typeof answer === 'function' ? answer() : answer;
  });
  const client = new EndpointClient({
    endpoint: 'http://app.test/api/vod',
    provider: 'tencent',
    retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0, idleTimeoutMs: 30_000 },
    env: browserEnvironment,
    fetch,
  });
  return { client, reads, fetch };
}

/** Runs the poll to its end under fake timers. */
async function settle<T>(promise: Promise<T>): Promise<T | VodUploadError> {
  const outcome = promise.catch((error: VodUploadError) => error);
  await vi.runAllTimersAsync();
  return outcome;
}

describe('pollMediaStatus', () => {
  useFakeClock();

  it('reads at once, then after 1 s, 1.5 s, 2.25 s … capped at 10 s, and resolves at ready', async () => {
    const answers = [...Array.from({ length: 9 }, () => ok(processing())), ok(ready)];
    const { client, reads } = fakeEndpoint(answers);
    const seen: MediaStatus[] = [];
    const result = await settle(pollMediaStatus({ client, ticket: 'tk', onStatus: (s) => seen.push(s) }));
    expect(result).toEqual(ready);
    const gaps = reads.slice(1).map((r, i) => r.at - (reads[i]?.at ?? 0));
    expect(reads[0]?.at).toBe(0);
    expect(gaps).toEqual(
      [1000, 1500, 2250, 3375, 5063, 7594, 10_000, 10_000, 10_000].map((ms) => expect.closeTo(ms, -1)),
    );
    expect(reads.every((r) => r.url === 'http://app.test/api/vod/media/status')).toBe(true);
    expect(reads.every((r) => JSON.stringify(r.body) === '{"ticket":"tk"}')).toBe(true);
    expect(seen.map((s) => s.state)).toEqual([...Array(9).fill('processing'), 'ready']);
  });

  it('tells every stage the cloud names, in order', async () => {
    const { client } = fakeEndpoint([ok(processing('Transcoding')), ok(processing('Snapshot')), ok(ready)]);
    const stages: Array<string | undefined> = [];
    await settle(
      pollMediaStatus({
        client,
        ticket: 'tk',
        onStatus: (s) => stages.push(s.state === 'processing' ? s.stage : s.state),
      }),
    );
    expect(stages).toEqual(['Transcoding', 'Snapshot', 'ready']);
  });

  it("stops at failed with processing_failed carrying the cloud's reason and code, never retried", async () => {
    const { client, reads } = fakeEndpoint([
      ok(processing()),
      ok({
        state: 'failed',
        mediaId: 'm-1',
        reason: 'The source has no video stream.',
        cloudCode: 'InvalidSource',
      }),
      ok(ready),
    ]);
    const error = await settle(pollMediaStatus({ client, ticket: 'tk', provider: 'aliyun' }));
    expectVodUploadError(error, {
      code: 'processing_failed',
      message: 'The source has no video stream.',
      cloudCode: 'InvalidSource',
      provider: 'aliyun',
      retryable: false,
    });
    expect(reads).toHaveLength(2);
  });

  it('gives up after deadlineMs with processing_timeout, reading one last time at the deadline', async () => {
    const { client, reads } = fakeEndpoint(Array.from({ length: 50 }, () => () => ok(processing())));
    const error = (await settle(
      pollMediaStatus({ client, ticket: 'tk', deadlineMs: 20_000 }),
    )) as VodUploadError;
    expect(error.code).toBe('processing_timeout');
    expect(error.retryable).toBe(true);
    // 0, 1000, 2500, 4750, 8125, 13188, then the deadline itself (20000): 7 reads, none after.
    expect(reads.map((r) => r.at)).toEqual(
      [0, 1000, 2500, 4750, 8125, 13188, 20_000].map((ms) => expect.closeTo(ms, -1)),
    );
  });

  it('keeps polling through a dropped connection or a 503, on the same schedule', async () => {
    const { client, reads } = fakeEndpoint([
      () => {
        throw new TypeError('Failed to fetch');
      },
      fail(503, { code: 'cloud_unavailable', message: 'busy', retryable: true }),
      ok(ready),
    ]);
    expect(await settle(pollMediaStatus({ client, ticket: 'tk' }))).toEqual(ready);
    expect(reads.map((r) => r.at)).toEqual([0, 1000, 2500]);
  });

  it("rejects with the endpoint's own error when it is not retryable (another caller's ticket)", async () => {
    const { client, reads } = fakeEndpoint([
      fail(404, { code: 'not_found', message: 'No such media for this caller.', retryable: false }),
    ]);
    const error = (await settle(pollMediaStatus({ client, ticket: 'forged' }))) as VodUploadError;
    expect(error).toMatchObject({ code: 'not_found', retryable: false });
    expect(reads).toHaveLength(1);
  });

  it('rejects a status it does not know with decode_failed naming the field', async () => {
    const { client } = fakeEndpoint([ok({ state: 'transcoding', mediaId: 'm-1' })]);
    const error = (await settle(pollMediaStatus({ client, ticket: 'tk' }))) as VodUploadError;
    expect(error).toMatchObject({ code: 'decode_failed', field: 'result.state' });
  });

  it("refuses another media's status and a play or poster link that is not http(s), with decode_failed", async () => {
    const other = fakeEndpoint([ok({ ...ready, mediaId: 'm-2' })]);
    const wrong = (await settle(
      pollMediaStatus({ client: other.client, ticket: 'tk', mediaId: 'm-1' }),
    )) as VodUploadError;
    expect(wrong).toMatchObject({ code: 'decode_failed', field: 'result.mediaId' });
    for (const [field, link] of [
      ['playUrl', 'javascript:alert(1)'],
      ['posterUrl', 'data:image/svg+xml,<svg/>'],
    ]) {
      const { client } = fakeEndpoint([ok({ ...ready, [field as string]: link })]);
      const error = (await settle(
        pollMediaStatus({ client, ticket: 'tk', mediaId: 'm-1' }),
      )) as VodUploadError;
      expect(error).toMatchObject({ code: 'decode_failed', field: `result.${field}` });
    }
  });

  it('stops reading as soon as the signal aborts (unmount, file removed), with aborted', async () => {
    const { client, reads } = fakeEndpoint(Array.from({ length: 50 }, () => () => ok(processing())));
    const controller = new AbortController();
    const outcome = pollMediaStatus({ client, ticket: 'tk', signal: controller.signal }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(2600);
    expect(reads).toHaveLength(3);
    controller.abort();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(((await outcome) as VodUploadError).code).toBe('aborted');
    expect(reads).toHaveLength(3);
  });

  it('takes its own schedule (first wait, growth, cap)', async () => {
    const { client, reads } = fakeEndpoint([ok(processing()), ok(processing()), ok(processing()), ok(ready)]);
    await settle(pollMediaStatus({ client, ticket: 'tk', firstDelayMs: 200, factor: 2, maxDelayMs: 500 }));
    expect(reads.map((r) => r.at)).toEqual([0, 200, 600, 1100]);
  });
});
