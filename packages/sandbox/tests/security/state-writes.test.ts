import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@vod-uploader/sandbox';
import { describe, expect, it } from 'vitest';
import { aliyunClients } from '../aliyun/aliyun-clients.js';

const CALLS = 1500;

describe('state.json', () => {
  it(`sandbox batches state writes off the request path: ${CALLS} calls, a bounded number of rewrites, all kept`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
    const sandbox = await startSandbox({ port: 0, dataDir });
    const clients = aliyunClients(sandbox.descriptor);
    const ids: string[] = [];
    try {
      // Each CreateUploadVideo stores a video and a credential: two changes per call.
      for (let round = 0; round < CALLS / 50; round++) {
        const batch = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            clients.call<{ VideoId: string }>('CreateUploadVideo', {
              Title: `v${round}-${i}`,
              FileName: 'a.mp4',
            }),
          ),
        );
        ids.push(...batch.map((b) => b.VideoId));
      }
      // One rewrite per flush window at most, not one per change (which would be ≥ 3000).
      expect(sandbox.context.state.writes).toBeLessThan(CALLS / 10);
    } finally {
      await sandbox.close();
    }
    // close() wrote what was pending: every record survives a restart.
    const stored = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8'));
    expect(Object.keys(stored['aliyun-vod-videos'])).toHaveLength(CALLS);
    const again = await startSandbox({ port: 0, dataDir });
    try {
      expect(again.context.state.get('aliyun-vod-videos', ids.at(-1) ?? '')).toBeDefined();
    } finally {
      await again.close();
    }
  });

  it('sandbox prunes credentials expired more than an hour ago (sandbox clock), so state.json stops growing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-prune-'));
    const sandbox = await startSandbox({ port: 0, dataDir });
    const clients = aliyunClients(sandbox.descriptor);
    try {
      for (let i = 0; i < 200; i++)
        await clients.call('CreateUploadVideo', { Title: `t${i}`, FileName: 'a.mp4' });
      const credentials = () => sandbox.context.state.list('credentials').length;
      expect(credentials()).toBe(200);
      sandbox.context.credentials.expireAll();
      // Just expired: still known, so a client holding one hears "expired", not "unknown key".
      await clients.call('CreateUploadVideo', { Title: 'now', FileName: 'a.mp4' });
      expect(credentials()).toBe(201);
      // Two hours later (the signature window widened so the real clock's requests still pass).
      sandbox.context.clock.skewMs = 2 * 60 * 60 * 1000;
      sandbox.context.options.timestampWindowSeconds = 3 * 60 * 60;
      await clients.call('CreateUploadVideo', { Title: 'later', FileName: 'a.mp4' });
      expect(credentials()).toBe(1);
    } finally {
      await sandbox.close();
    }
    const stored = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8'));
    expect(Object.keys(stored.credentials)).toHaveLength(1);
  });
});
