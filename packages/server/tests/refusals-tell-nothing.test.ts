import { describe, expect, it } from 'vitest';
import { authorizeByUserHeader, errorOf, eventually, startHarness } from './harness.js';
import { startMediaOrigin } from './media-origin.js';

describe('refusals that tell nothing', () => {
  it("ownership: GET /tencent/tasks/:id answers an unknown task as it answers another caller's", async () => {
    const origin = await startMediaOrigin();
    const h = await startHarness({
      authorize: authorizeByUserHeader,
      policy: { urlImport: { allowHosts: [origin.host] } },
    });
    h.sandbox.allowImportHost(origin.host);
    try {
      const pulled = await h.call(
        'POST',
        '/tencent/pull-upload',
        { mediaUrl: `${origin.url}/sample.mp4` },
        {
          'x-user': 'alice',
        },
      );
      expect(pulled.status, pulled.text).toBe(200);
      const taskId = String(pulled.json.result.Response.TaskId);
      await eventually(async () => {
        const own = await h.call('GET', `/tencent/tasks/${taskId}`, undefined, { 'x-user': 'alice' });
        return own.status === 200 ? own : undefined;
      });
      const theirs = await h.call('GET', `/tencent/tasks/${taskId}`, undefined, { 'x-user': 'bob' });
      const unknown = await h.call('GET', '/tencent/tasks/no-such-task-1234', undefined, { 'x-user': 'bob' });
      expect(theirs.status).toBe(404);
      expect(unknown.status).toBe(theirs.status);
      expect(errorOf(unknown)).toEqual(errorOf(theirs));
      expect(errorOf(unknown)).toMatchObject({ code: 'not_found', field: 'taskId' });
      expect(errorOf(unknown).cloudCode).toBeUndefined();
      expect(errorOf(unknown).requestId).toBeUndefined();
    } finally {
      await h.close();
      await origin.close();
    }
  });
});
