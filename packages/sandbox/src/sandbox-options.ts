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
   * Largest body one PutObject or UploadPart takes, bytes: declared larger, it is `EntityTooLarge`
   * before any byte is read; S3 also cuts off a body that declares no length once it passes this.
   * Default 5 GiB, the clouds' limit; tests lower it to reach the refusal without sending 5 GiB.
   */
  uploadMaxBytes?: number;
  /**
   * Where COS honours the account's permanent key for writes. `'v2-sessions'`: only on the storage
   * paths of a legacy v2 session not yet committed (v2 has no temporary credential, so that is the
   * one place VOD's bucket takes the account key), as on Tencent's VOD bucket. `'bucket'` (default):
   * anywhere in the bucket too, for conformance tests that drive COS with the account key directly.
   */
  cosAccountKeyScope?: 'bucket' | 'v2-sessions';
  /**
   * Simulated media processing (a Tencent `Procedure`, an Alibaba `TemplateGroupId`/`WorkflowId`):
   * how long each of its three stages (queued, transcoding, snapshot) takes, so tests can run it in
   * milliseconds and the demo can show it.
   */
  processing?: ProcessingOptions;
  /** Where the sandbox sends the clouds' event notifications; loopback URLs only. */
  events?: EventOptions;
}

/** Options of the simulated processing. */
export interface ProcessingOptions {
  /** Duration of each stage, ms. Default 1000 (about 3 s from commit to ready). */
  stageMs?: number;
}

/**
 * Event notification targets. Only loopback URLs (127.0.0.0/8, `[::1]`, `localhost`) are taken:
 * the sandbox never sends traffic off the machine. Settable later with `sandbox.setEvents()`.
 */
export interface EventOptions {
  /** Tencent push ("normal callback"): each event's JSON is POSTed here, besides the PullEvents queue. */
  tencentPushUrl?: string;
  /** Alibaba HTTP callbacks (`FileUploadComplete`, `TranscodeComplete`, …) are POSTed here. */
  aliyunCallbackUrl?: string;
  /** Alibaba's callback AuthKey: `X-VOD-SIGNATURE = md5("<callback URL>|<timestamp>|<AuthKey>")`. */
  aliyunAuthKey?: string;
  /**
   * How long a pulled, unconfirmed Tencent event waits before it is delivered again, ms. Default
   * 30000, as PullEvents documents; tests shorten it.
   */
  redeliverAfterMs?: number;
  /** How long PullEvents holds a call while the queue is empty, ms. Default 5000, as documented. */
  pullWaitMs?: number;
}

export const DEFAULT_CREDENTIAL_LIFETIME_SECONDS = 3000;
export const DEFAULT_TIMESTAMP_WINDOW_SECONDS = 300;
export const DEFAULT_IMPORT_MAX_BYTES = 5 * 1024 ** 3;
export const DEFAULT_PROCESSING_STAGE_MS = 1000;
export const DEFAULT_REDELIVER_AFTER_MS = 30_000;
