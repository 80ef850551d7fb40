import { objectsWritten } from '../../support/objects-written.js';

interface LogRecord {
  seq: number;
  api?: string;
  action?: string;
  bucket?: string;
  key?: string;
  status: number;
}

/** Reads what the sandbox stored, through its admin routes (`/_sandbox`, as its README describes). */
export class SandboxObjects {
  constructor(private readonly adminUrl: string) {}

  /** The request log's newest sequence number: pass it to {@link storedSince}. */
  async mark(): Promise<number> {
    return (await this.log(0)).at(-1)?.seq ?? 0;
  }

  /** Objects written to COS, OSS or S3 (a single PUT or a completed multipart upload) since `mark`. */
  async storedSince(mark: number): Promise<{ bucket: string; key: string }[]> {
    return objectsWritten(await this.log(mark));
  }

  async sha256(bucket: string, key: string): Promise<string | undefined> {
    const query = new URLSearchParams({ bucket, key });
    const response = await fetch(`${this.adminUrl}/objects?${query}`);
    return response.ok ? ((await response.json()) as { sha256: string }).sha256 : undefined;
  }

  private async log(since: number): Promise<LogRecord[]> {
    const response = await fetch(`${this.adminUrl}/log?since=${since}`);
    return ((await response.json()) as { records: LogRecord[] }).records;
  }
}
