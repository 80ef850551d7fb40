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
}

export const DEFAULT_CREDENTIAL_LIFETIME_SECONDS = 3000;
export const DEFAULT_TIMESTAMP_WINDOW_SECONDS = 300;
