import { createHash } from 'node:crypto';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
// The public entry by path: Playwright's loader does not apply the `source` export condition, so the
// package name would resolve to an unbuilt dist/.
import { type Sandbox, type SandboxDescriptor, startSandbox } from '../../src/index.js';

/** A sandbox plus an S3 client configured the documented way (`endpoint`, `forcePathStyle`). */
export interface S3Fixture {
  sandbox: Sandbox;
  s3: S3Client;
  bucket: string;
  /** A client with other settings (wrong keys, clock offset, no retries…). */
  client(overrides: Partial<S3ClientConfig>): S3Client;
  /** `{ size, sha256 }` of what the sandbox stored, through its admin route. */
  stored(key: string): Promise<{ size: number; sha256: string } | undefined>;
  /** Closes the client's sockets, then the sandbox. */
  close(): Promise<void>;
}

/** A client of the sandbox's S3 account, configured the documented way; `overrides` change settings. */
export function s3ClientFor(
  descriptor: SandboxDescriptor,
  overrides: Partial<S3ClientConfig> = {},
): S3Client {
  const { s3: account } = descriptor;
  return new S3Client({
    endpoint: account.endpoint,
    forcePathStyle: true,
    region: account.region,
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    ...overrides,
  });
}

export async function startS3Fixture(): Promise<S3Fixture> {
  const sandbox = await startSandbox({ port: 0 });
  const { s3: account } = sandbox.descriptor;
  const client = (overrides: Partial<S3ClientConfig>) => s3ClientFor(sandbox.descriptor, overrides);
  const s3 = client({});
  return {
    sandbox,
    s3,
    bucket: account.bucket,
    client,
    async stored(key) {
      const url = `${sandbox.descriptor.adminUrl}/objects?bucket=${account.bucket}&key=${encodeURIComponent(key)}`;
      const response = await fetch(url);
      return response.ok ? ((await response.json()) as { size: number; sha256: string }) : undefined;
    },
    async close() {
      s3.destroy();
      await sandbox.close();
    },
  };
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Deterministic pseudo-random bytes (fast, no fixture files needed for multi-MiB bodies). */
export function bytes(size: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeUInt32LE(x >>> 0, Math.min(i, size - 4));
  }
  return out;
}
