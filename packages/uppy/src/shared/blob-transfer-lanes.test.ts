import { describe, expect, it } from 'vitest';
import { FakeXhr, useFakeXhr } from '../../tests/support/fake-xhr.js';
import { fastEnvironment, testTransfer } from '../../tests/support/test-transfer.js';
import type { MultipartProtocol } from './multipart-protocol.js';
import { resolveRetry } from './retry-options.js';

/** PUTs whose body is all handed over at once and whose answer waits for {@link answerAll}. */
let open: HeldXhr[] = [];
class HeldXhr extends FakeXhr {
  send(body: Blob) {
    open.push(this);
    setTimeout(
      () => this.upload.dispatchEvent(Object.assign(new Event('progress'), { loaded: body.size })),
      0,
    );
  }
  finish() {
    if (!this.aborted) this.answer(200);
  }
}
useFakeXhr(HeldXhr);

function answerAll() {
  const answering = open;
  open = [];
  for (const xhr of answering) xhr.finish();
}

/**
 * A transfer of 10 parts, 6 lanes allowed, whose create (or, `resumed`, ListParts) takes
 * `roundTripMs` on its clock.
 */
function transferWithRoundTrip(roundTripMs: number, resumed: boolean) {
  let clock = 0;
  const protocol: MultipartProtocol = {
    provider: 'tencent',
    signPut: async () => ({ url: 'put' }),
    create: async () => {
      clock += roundTripMs;
      return 'upload';
    },
    listParts: async () => {
      clock += roundTripMs;
      return [];
    },
    signPart: async (uploadId, n) => ({ url: `${uploadId}/${n}` }),
    complete: async () => undefined,
    abort: async () => true,
  };
  return testTransfer(new Blob([new Uint8Array(1000)]), protocol, {
    concurrency: 6,
    retry: resolveRetry({ retries: 0 }),
    env: { ...fastEnvironment, now: () => clock },
    ...(resumed ? { resume: { uploadId: 'upload', parts: [] } } : {}),
  });
}

/** Runs the transfer, answering the PUTs whenever no more start; resolves the most ever open at once. */
async function mostOpen(roundTripMs: number, resumed = false): Promise<number> {
  open = [];
  let most = 0;
  const run = transferWithRoundTrip(roundTripMs, resumed).run(new AbortController().signal);
  let finished = false;
  void run.finally(() => {
    finished = true;
  });
  while (!finished) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    most = Math.max(most, open.length);
    answerAll();
  }
  await run;
  return most;
}

describe('BlobTransfer lanes', () => {
  it('starts the next parts while sent ones await their answer, on a long round trip', async () => {
    // 3 lanes at first; each part whose body is all sent lets another start, up to the 6 allowed.
    expect(await mostOpen(80)).toBe(6);
  });

  it('keeps to the controller’s lanes on a short round trip', async () => {
    expect(await mostOpen(2)).toBe(3);
  });

  it('takes a resumed upload’s round trip from its ListParts', async () => {
    expect(await mostOpen(80, true)).toBe(6);
    expect(await mostOpen(2, true)).toBe(3);
  });
});
