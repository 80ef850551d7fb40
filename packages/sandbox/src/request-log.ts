/** One line of the request log that tests read (e.g. to count bytes re-sent after a reload). */
export interface RequestRecord {
  seq: number;
  /** When the request arrived (ms since the epoch). */
  time: number;
  /** When its answer was fully written, if it was. */
  answeredAt?: number;
  method: string;
  path: string;
  /** Which emulated API answered: `tencent-vod`, `cos`, `aliyun-vod`, `oss`, `s3`, `admin`. */
  api?: string;
  /** The API action, e.g. `ApplyUpload`, `UploadPart`. */
  action?: string;
  bucket?: string;
  key?: string;
  uploadId?: string;
  partNumber?: number;
  /** Request body bytes received. */
  bytesIn: number;
  status: number;
  /** Set when fault injection decided this request's fate. */
  fault?: string;
  errorCode?: string;
  /**
   * The parameters of a VOD API call (Tencent VOD's JSON body, Alibaba VOD's RPC parameters without
   * the signature ones), as received: what tests compare against what the server meant to send.
   */
  params?: Record<string, unknown>;
}

/** A bounded in-memory log of requests (the newest 20,000). */
export class RequestLog {
  private readonly records: RequestRecord[] = [];
  private seq = 0;

  start(method: string, path: string): RequestRecord {
    const record: RequestRecord = { seq: ++this.seq, time: Date.now(), method, path, bytesIn: 0, status: 0 };
    this.records.push(record);
    if (this.records.length > 20_000) this.records.shift();
    return record;
  }

  /** Records after `sinceSeq` (exclusive). */
  list(sinceSeq = 0): RequestRecord[] {
    return this.records.filter((r) => r.seq > sinceSeq);
  }

  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.records.length = 0;
  }
}
