import { describe, expect, it } from 'vitest';
import { FakeXhr, useFakeXhr } from '../../tests/support/fake-xhr.js';
import { testTransfer } from '../../tests/support/test-transfer.js';
import type { MultipartProtocol } from './multipart-protocol.js';
import { resolveRetry } from './retry-options.js';

/** What S3, COS and OSS answer when a request's body stalls past the store's idle window. */
const REQUEST_TIMEOUT =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>RequestTimeout</Code><Message>Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.</Message><RequestId>R1</RequestId></Error>';

let answers: Array<[number, string]> = [];
let sends = 0;

/** Answers each PUT with the next queued answer, then 200. */
class QueuedXhr extends FakeXhr {
  send(body: Blob): void {
    setTimeout(() => {
      if (this.aborted) return;
      sends += 1;
      this.upload.dispatchEvent(Object.assign(new Event('progress'), { loaded: body.size }));
      const [status, text] = answers.shift() ?? [200, ''];
      this.answer(status, text);
    }, 1);
  }
}
useFakeXhr(QueuedXhr);

function protocol(provider: 's3' | 'tencent' | 'aliyun'): MultipartProtocol {
  return {
    provider,
    signPut: async () => ({ url: 'put' }),
    create: async () => 'U',
    listParts: async () => [],
    signPart: async (id, n) => ({ url: `${id}/${n}` }),
    complete: async () => undefined,
    abort: async () => true,
  };
}

describe('BlobTransfer: a transient refusal of the store', () => {
  for (const provider of ['s3', 'tencent', 'aliyun'] as const) {
    it(`${provider}: a PUT answered 400 RequestTimeout (a stalled body) is sent again and the upload completes`, async () => {
      answers = [[400, REQUEST_TIMEOUT]];
      sends = 0;
      const transfer = testTransfer(new Blob([new Uint8Array(300)]), protocol(provider), {
        retry: resolveRetry({ retries: 3, baseDelayMs: 1 }),
        verify: false,
      });
      // Before, it failed at once as cloud_refused, not retryable: no resend and no Retry button.
      await expect(transfer.run(new AbortController().signal)).resolves.toBeUndefined();
      // Three parts of 100 bytes, the refused one sent once more.
      expect(sends).toBe(4);
    });
  }
});
