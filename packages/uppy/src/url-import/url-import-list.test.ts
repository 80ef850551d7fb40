import type { VodUploadResult } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import { abortableSleep, type UploadEnvironment } from '../shared/environment.js';
import { type UrlImportItem, UrlImportList, type UrlImportListOptions } from './url-import-list.js';

const ok = (result: unknown) =>
  new Response(JSON.stringify({ result, serverTime: 1_700_000_000_000 }), { status: 200 });

const env: UploadEnvironment = {
  now: () => Date.now(),
  sleep: (_ms, signal) => abortableSleep(1, signal),
  isOnline: () => true,
  waitOnline: () => Promise.resolve(),
};

/** A fake endpoint for Tencent: each POST makes a task; `outcome(body)` decides how it ends. */
function endpoint(outcome: (body: { mediaUrl: string; attempt?: number }) => 'ok' | 'fail' | 'never') {
  const posts: Array<{ mediaUrl: string; attempt?: number }> = [];
  let gets = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (init?.method === 'POST') {
      posts.push(JSON.parse(String(init.body)));
      return ok({ Response: { TaskId: `t${posts.length}` } });
    }
    gets += 1;
    const body = posts[Number(url.slice(url.lastIndexOf('/t') + 2)) - 1]!;
    const end = outcome(body);
    if (end === 'never') return ok({ Response: { TaskType: 'PullUpload', Status: 'PROCESSING' } });
    const task =
      end === 'ok' ? { ErrCode: 0, FileId: `file-${posts.length}` } : { ErrCode: 60000, Message: 'HTTP 404' };
    return ok({ Response: { TaskType: 'PullUpload', Status: 'FINISH', PullUploadTask: task } });
  };
  return { posts, fetch, gets: () => gets };
}

function until(list: UrlImportList, done: (items: readonly UrlImportItem[]) => boolean) {
  return new Promise<readonly UrlImportItem[]>((resolve) => {
    const check = () => done(list.getSnapshot()) && resolve(list.getSnapshot());
    list.subscribe(check);
    check();
  });
}

/** A Tencent list over the fake endpoint. */
function listOf(
  fake: ReturnType<typeof endpoint>,
  options: Partial<UrlImportListOptions> = {},
): UrlImportList {
  return new UrlImportList({
    provider: 'tencent',
    endpoint: '/api/vod',
    environment: env,
    fetch: fake.fetch,
    ...options,
  });
}

describe('UrlImportList', () => {
  it('makes one import of a link submitted twice, and reports it once', async () => {
    const fake = endpoint(() => 'ok');
    const imported: VodUploadResult[] = [];
    const list = listOf(fake, { onImported: (result) => imported.push(result) });
    const first = list.add([{ url: 'https://m.test/a.mp4' }, { url: ' https://m.test/a.mp4 ' }]);
    const second = list.add([{ url: 'https://m.test/a.mp4' }]);
    expect(new Set([...first, ...second]).size).toBe(1);
    const items = await until(list, (all) => all.every((item) => item.state === 'succeeded'));
    expect(items).toHaveLength(1);
    expect(fake.posts).toHaveLength(1);
    expect(imported.map((r) => r.id)).toEqual(['file-1']);
    expect(items[0]?.result?.id).toBe('file-1');
  });

  it('sends the mediaType picked for a link without an extension, and none otherwise', async () => {
    const fake = endpoint(() => 'ok');
    const list = listOf(fake);
    list.add([{ url: 'https://m.test/stream', mediaType: ' .MOV ' }, { url: 'https://m.test/b.mp4' }]);
    await until(list, (all) => all.length === 2 && all.every((item) => item.state === 'succeeded'));
    expect(fake.posts).toEqual([
      { mediaUrl: 'https://m.test/stream', mediaType: 'mov' },
      { mediaUrl: 'https://m.test/b.mp4' },
    ]);
  });

  it('retries a failed import as attempt 2, which the endpoint sees', async () => {
    let originUp = false;
    const fake = endpoint(() => (originUp ? 'ok' : 'fail'));
    const errors: string[] = [];
    const list = listOf(fake, { onError: (error) => errors.push(`${error.code}:${error.cloudCode}`) });
    const [id] = list.add([{ url: 'https://m.test/late.mp4', name: 'Late' }]);
    const [failed] = await until(list, (all) => all[0]?.state === 'failed');
    expect(failed?.error).toMatchObject({ code: 'cloud_refused', cloudCode: '60000', message: 'HTTP 404' });
    expect(errors).toEqual(['cloud_refused:60000']);
    originUp = true;
    list.retry(id!);
    const [done] = await until(list, (all) => all[0]?.state === 'succeeded');
    expect(done).toMatchObject({ attempt: 2, state: 'succeeded', name: 'Late' });
    expect(done?.error).toBeUndefined();
    expect(fake.posts).toEqual([
      { mediaUrl: 'https://m.test/late.mp4', mediaName: 'Late' },
      { mediaUrl: 'https://m.test/late.mp4', mediaName: 'Late', attempt: 2 },
    ]);
  });

  it('stops polling on stopAll and calls nothing afterwards', async () => {
    const fake = endpoint(() => 'never');
    let calls = 0;
    const list = listOf(fake, { onImported: () => calls++, onError: () => calls++ });
    list.add([{ url: 'https://m.test/slow.mp4' }]);
    await until(list, (all) => all[0]?.state === 'processing');
    list.stopAll();
    const seen = fake.gets();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.gets()).toBeLessThanOrEqual(seen + 1);
    expect(calls).toBe(0);
  });
});
