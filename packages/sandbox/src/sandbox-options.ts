/** Options of `startSandbox` and the `vod-sandbox` CLI. */
export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Where objects and state live; survives restarts. Default: a fresh temporary directory. */
  dataDir?: string;
  /** Lifetime of temporary credentials (TempCertificate, UploadAuth, STS), seconds. Default 3000. */
  credentialLifetimeSeconds?: number;
  /** Allowed difference between a signed timestamp and the sandbox clock, seconds. Default 300. */
  timestampWindowSeconds?: number;
  /**
   * Page origins (`http://127.0.0.1:5173`) whose scripts may call `/_sandbox` (the descriptor holds
   * the account keys, the admin routes change the sandbox): they get CORS and may send an `Origin`.
   * Any other origin is refused. Default none: only non-browser clients and same-origin proxies.
   */
  adminOrigins?: string[];
  /**
   * Hosts the URL importer (PullUpload, UploadMediaByURL) may fetch from although they are loopback
   * or private: `host` (any port) or `host:port`, e.g. `127.0.0.1:4000` for a test's media origin.
   * Default none: like the clouds, which cannot reach your machine, the importer refuses loopback,
   * private and link-local addresses (also behind a redirect or a host name).
   */
  importAllowHosts?: string[];
  /** Largest file the URL importer stores, bytes; past it the task fails. Default 5 GiB. */
  importMaxBytes?: number;
  /**
   * Where COS honours the account's permanent key for writes. `'v2-sessions'`: only on the storage
   * paths of a legacy v2 session not yet committed (v2 has no temporary credential, so that is the
   * one place VOD's bucket takes the account key), as on Tencent's VOD bucket. `'bucket'` (default):
   * anywhere in the bucket too, for conformance tests that drive COS with the account key directly.
   */
  cosAccountKeyScope?: 'bucket' | 'v2-sessions';
}

export const DEFAULT_CREDENTIAL_LIFETIME_SECONDS = 3000;
export const DEFAULT_TIMESTAMP_WINDOW_SECONDS = 300;
export const DEFAULT_IMPORT_MAX_BYTES = 5 * 1024 ** 3;
