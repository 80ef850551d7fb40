import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '@vod-uploader/sandbox';
import { useFixture } from './use-fixture.js';

/** A media origin on loopback: its base `url` (no trailing slash), its `host` and how to stop it. */
export interface MediaOrigin {
  url: string;
  host: string;
  close(): Promise<void>;
}

/**
 * Serves `handler` on 127.0.0.1, port 0: the "internet" that URL imports (Tencent PullUpload, Alibaba
 * UploadMediaByURL) download from. `close` drops kept-alive connections first (the importer's, a held
 * answer's), so stopping the origin never waits on them.
 */
export async function startMediaOrigin(handler: RequestListener): Promise<MediaOrigin> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${host}`,
    host,
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

/**
 * Starts a media origin before the file's tests and stops it after them. The origin is loopback,
 * which the importer refuses unless told, so once it is up its host is allowed on `sandbox()` (a
 * getter: the fixture holding the sandbox is filled in by its own hook, registered before this one).
 */
export function useMediaOrigin(
  handler: RequestListener,
  sandbox: () => Pick<Sandbox, 'allowImportHost'>,
): MediaOrigin {
  return useFixture(
    async () => {
      const origin = await startMediaOrigin(handler);
      sandbox().allowImportHost(origin.host);
      return origin;
    },
    (origin) => origin.close(),
  );
}
