/** A Tencent ApplyUpload `TempCertificate`. */
export interface TempCertificate {
  SecretId: string;
  SecretKey: string;
  Token: string;
  ExpiredTime: number;
}

/** What a COS SDK's (Node or browser) `getAuthorization` callback takes for temporary keys. */
export interface CosTempCredentials {
  TmpSecretId: string;
  TmpSecretKey: string;
  SecurityToken: string;
  StartTime: number;
  ExpiredTime: number;
}

/**
 * The COS SDKs' temporary credentials for an ApplyUpload certificate: shared by the sandbox's COS
 * fixture, its Chromium spec and the server tests, so all sign the same way. StartTime is a second
 * ago, so the sandbox's clock never finds the signature not yet valid.
 */
export function cosCredentialsOf(certificate: TempCertificate): CosTempCredentials {
  return {
    TmpSecretId: certificate.SecretId,
    TmpSecretKey: certificate.SecretKey,
    SecurityToken: certificate.Token,
    StartTime: Math.floor(Date.now() / 1000) - 1,
    ExpiredTime: certificate.ExpiredTime,
  };
}
