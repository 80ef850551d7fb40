import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

/** How an injected failure looks to the client. `reset` destroys the TCP connection mid-request. */
export type FaultKind = 500 | 503 | 'reset';

/**
 * A failure of the VOD control APIs (`ApplyUpload`, `CommitUpload`, `CreateUploadVideo`, ...), answered
 * in the cloud's own JSON error form: Tencent API 3.0 with HTTP 200 and `Response.Error`, Alibaba with
 * `status` and `{ Code, Message, RequestId }`.
 */
export interface VodFault {
  /** Which VOD API (the API module's name). */
  api: 'tencent-vod' | 'aliyun-vod';
  /**
   * The action to fail (`CommitUpload`; legacy v2 `v2.ApplyUpload`, `v2.CommitUpload`); every action
   * of `api` when omitted.
   */
  action?: string;
  /** How many of the next matching calls fail. */
  count: number;
  /** HTTP status of an Alibaba refusal (default 500; Tencent answers every error with 200). */
  status?: 500 | 503;
  /**
   * The cloud's code (default `InternalError`; for Alibaba 503 `ServiceUnavailable`; legacy v2 takes
   * its numeric `code`, e.g. `'4000'`, and answers 32001 for any other).
   * @see https://www.tencentcloud.com/document/api/266/31761 (API 3.0 common error codes)
   * @see https://api.aliyun.com/document/vod/2017-03-21/errorCode
   */
  code?: string;
}

/**
 * What to break. "Upload requests" are the data-carrying ones: UploadPart and PutObject on COS, OSS
 * and S3 (presigned or not). Set through `sandbox.faults.set()` or `POST /_sandbox/faults`.
 */
export interface FaultPlan {
  /** Fail the next `count` upload requests. */
  failNextUploads?: { count: number; kind?: FaultKind };
  /** Fail this share (0–100) of upload requests, at random. */
  failUploadPercent?: { percent: number; kinds?: FaultKind[] };
  /** Hold each of the next `count` upload requests for `ms` before reading them (a stall). */
  stallNextUploads?: { count: number; ms: number };
  /** Added to every request before it is handled (each way of a round trip, as one delay). */
  latencyMs?: number;
  /** Caps the total upload bandwidth of all requests together, in bytes per second. */
  bandwidthBytesPerSecond?: number;
  /**
   * The next `count` writes of an object or part body fail as on a full disk (`ENOSPC` after the
   * first chunk): the cloud's `InternalError` 500, and nothing stored.
   */
  diskFull?: { count: number };
  /** Fail the next calls of VOD control API actions (the first matching entry takes each call). */
  failVodCalls?: VodFault[];
  /**
   * Corrupt one byte of the next `count` upload requests that are not failed (or `percent` of them).
   * `transit` (default): the byte changes on the way in, so what is stored and every answer (ETag,
   * `x-*-hash-crc64ecma`; S3 refuses a declared checksum with `BadDigest`) describe the corrupted
   * bytes — a client that compares its own CRC sees the mismatch at once and sends the part again.
   * `rest` (UploadPart only): the answer describes the bytes received, then the stored copy changes;
   * ListParts and CompleteMultipartUpload describe what is stored, so only a later check can tell.
   */
  corruptParts?: { count?: number; percent?: number; at?: 'transit' | 'rest' };
  /**
   * Corrupt the next `count` objects completed from parts, after the last part: CompleteMultipartUpload
   * answers the checksum of the (changed) stored object, which differs from the parts' combined one.
   */
  corruptCompletes?: { count: number };
  /**
   * The next `count` upload requests that are not failed are handled in full (their bytes stored),
   * then the connection drops instead of the answer: a reply lost on the way back, so the client
   * cannot tell a stored body from a lost one and must find out.
   */
  loseAnswers?: { count: number };
  /**
   * The same for the next `count` CompleteMultipartUploads: the object is completed (and the upload
   * gone), then the connection drops instead of the answer.
   */
  loseCompleteAnswers?: { count: number };
  /**
   * The same for the next `count` InitiateMultipartUploads (S3 CreateMultipartUpload, COS, OSS): the
   * upload is created, then the connection drops instead of its UploadId, so a resent create leaves
   * one behind that nobody uses.
   */
  loseCreateAnswers?: { count: number };
  /**
   * ListParts pages hold at most this many parts, whatever `max-parts` asks (S3, COS and OSS list
   * up to 1,000): a test with a few parts then walks several pages, as a resume of a 10,000-part
   * upload does.
   */
  listPartsPageSize?: number;
  /**
   * The next `count` media processings (Tencent procedures, Alibaba transcodes) fail with the
   * cloud's error: Tencent `ErrCode` 60000 and `ErrCodeExt` `code`, Alibaba `TranscodeFail` with
   * `ErrorCode` `code` (default `SourceFileError`, the sandbox's choice) and `reason` as the message.
   */
  failTranscode?: { count: number; reason?: string; code?: string };
  /**
   * Event callbacks (Tencent push, Alibaba HTTP callbacks): `drop` the next N (never sent, no retry),
   * send the next N twice (`duplicate`), hold every one `delayMs` before it is sent.
   */
  callbacks?: { drop?: number; duplicate?: number; delayMs?: number };
}

/** Every fault's name (typed against `FaultPlan`, so none is left out), to refuse a misspelled one. */
const FAULT_NAMES: Readonly<Record<keyof FaultPlan, true>> = {
  failNextUploads: true,
  failUploadPercent: true,
  stallNextUploads: true,
  latencyMs: true,
  bandwidthBytesPerSecond: true,
  diskFull: true,
  failVodCalls: true,
  corruptParts: true,
  corruptCompletes: true,
  loseAnswers: true,
  loseCompleteAnswers: true,
  loseCreateAnswers: true,
  listPartsPageSize: true,
  failTranscode: true,
  callbacks: true,
};

/** A fault plan that names a fault the sandbox does not have: a typo would otherwise break nothing. */
export class UnknownFaultError extends Error {
  constructor(readonly names: string[]) {
    super(
      `unknown fault(s) ${names.map((n) => JSON.stringify(n)).join(', ')}; the sandbox has ${Object.keys(FAULT_NAMES).join(', ')}`,
    );
    this.name = 'UnknownFaultError';
  }
}

/** A transcode failure taken from {@link FaultPlan.failTranscode}. */
export interface TranscodeFailure {
  reason: string;
  code: string;
}

/** Fault injection shared by every emulated API. */
export class Faults {
  private plan: FaultPlan = {};
  /** How many faults were injected since start (for the reliability matrix). */
  injected = 0;
  private tokens = 0;
  private lastRefill = Date.now();
  private readonly corrupted = new WeakMap<IncomingMessage, 'transit' | 'rest'>();
  private readonly answerLost = new WeakSet<IncomingMessage>();

  /** Merges `plan` in; throws {@link UnknownFaultError}, changing nothing, when it names an unknown fault. */
  set(plan: FaultPlan): FaultPlan {
    const unknown = Object.keys(plan).filter((name) => !Object.hasOwn(FAULT_NAMES, name));
    if (unknown.length > 0) throw new UnknownFaultError(unknown);
    this.plan = { ...this.plan, ...plan };
    return this.plan;
  }

  reset(): void {
    this.plan = {};
  }

  current(): FaultPlan {
    return structuredClone(this.plan);
  }

  /** The parts one ListParts page lists: what the request asks, within `listPartsPageSize`. */
  listPartsPage(asked: number): number {
    const most = this.plan.listPartsPageSize;
    return most !== undefined && most >= 1 ? Math.min(asked, Math.floor(most)) : asked;
  }

  /** Asked by the object store before each body write: true when `diskFull` takes this one. */
  takeDiskFull(): boolean {
    return this.countDown(this.plan.diskFull);
  }

  /**
   * Asked by a VOD API once a call is authenticated: the fault that takes this call (its count
   * lowered), or undefined to handle it normally.
   */
  takeVodFault(api: VodFault['api'], action: string): Required<Omit<VodFault, 'action'>> | undefined {
    const fault = this.plan.failVodCalls?.find(
      (entry) =>
        entry.api === api && entry.count > 0 && (entry.action === undefined || entry.action === action),
    );
    if (!fault) return undefined;
    fault.count -= 1;
    this.injected += 1;
    const status = fault.status ?? 500;
    const code =
      fault.code ?? (api === 'aliyun-vod' && status === 503 ? 'ServiceUnavailable' : 'InternalError');
    return { api, count: fault.count, status, code };
  }

  /** Asked when a processing starts: the failure it must end with, if `failTranscode` takes it. */
  takeTranscodeFailure(): TranscodeFailure | undefined {
    const fault = this.plan.failTranscode;
    if (!this.countDown(fault)) return undefined;
    return {
      reason: fault.reason ?? 'The source file could not be decoded (injected by the sandbox).',
      code: fault.code ?? 'SourceFileError',
    };
  }

  /** Asked before a callback is sent: how to deliver it (`copies` 0 drops it). */
  takeCallbackFault(): { copies: number; delayMs: number } {
    const plan = this.plan.callbacks;
    if (!plan) return { copies: 1, delayMs: 0 };
    const delayMs = plan.delayMs ?? 0;
    if (plan.drop && plan.drop > 0) {
      plan.drop -= 1;
      this.injected += 1;
      return { copies: 0, delayMs };
    }
    if (plan.duplicate && plan.duplicate > 0) {
      plan.duplicate -= 1;
      this.injected += 1;
      return { copies: 2, delayMs };
    }
    return { copies: 1, delayMs };
  }

  async delay(): Promise<void> {
    if (this.plan.latencyMs) await sleep(this.plan.latencyMs);
  }

  /**
   * Called by an object API before it reads an upload's body. Returns the fault it applied (the
   * response is then already ended or destroyed) or undefined to go on normally.
   */
  async interceptUpload(req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
    const stall = this.plan.stallNextUploads;
    if (stall && stall.count > 0) {
      stall.count -= 1;
      await sleep(stall.ms);
    }
    let kind: FaultKind | undefined;
    const next = this.plan.failNextUploads;
    if (next && next.count > 0) {
      next.count -= 1;
      kind = next.kind ?? 500;
    } else if (this.plan.failUploadPercent && Math.random() * 100 < this.plan.failUploadPercent.percent) {
      const kinds = this.plan.failUploadPercent.kinds ?? [500, 503, 'reset'];
      kind = kinds[Math.floor(Math.random() * kinds.length)] ?? 500;
    }
    if (kind === undefined) {
      this.pickCorruption(req);
      if (this.countDown(this.plan.loseAnswers)) this.loseAnswer(req, res);
      return undefined;
    }
    this.injected += 1;
    if (kind === 'reset') {
      req.socket.destroy();
      return 'reset';
    }
    // Drain a little and answer; the clouds answer 5xx with their XML, but a bare body is what proxies send too.
    req.resume();
    res.writeHead(kind, { 'content-type': 'text/plain', connection: 'close' });
    res.end(kind === 503 ? 'Service Unavailable (injected)' : 'Internal Error (injected)');
    return String(kind);
  }

  /** Where (if at all) this upload request's bytes are corrupted, as decided by {@link interceptUpload}. */
  corruptionOf(req: IncomingMessage): 'transit' | 'rest' | undefined {
    return this.corrupted.get(req);
  }

  /** The request log's name for what {@link interceptUpload} did to a request it let through. */
  labelOf(req: IncomingMessage): string | undefined {
    const at = this.corrupted.get(req);
    if (at) return `corrupt-${at}`;
    return this.answerLost.has(req) ? 'answer-lost' : undefined;
  }

  /**
   * Lets the handler run to the end and drops the connection when it answers with success (every
   * answer goes through `writeHead`, `end()` included), so the stored body is never acknowledged.
   */
  private loseAnswer(req: IncomingMessage, res: ServerResponse): void {
    this.answerLost.add(req);
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      if (status >= 300) return writeHead(status, ...rest);
      req.socket.destroy();
      return res;
    }) as ServerResponse['writeHead'];
  }

  /** Asked by each InitiateMultipartUpload before it answers: whether its answer is lost (logged `answer-lost`). */
  takeCreateFaults(request: { req: IncomingMessage; res: ServerResponse; record: { fault?: string } }): void {
    if (this.countDown(this.plan.loseCreateAnswers)) {
      this.loseAnswer(request.req, request.res);
      request.record.fault = 'answer-lost';
    }
  }

  /**
   * Asked by each CompleteMultipartUpload before it completes: whether it corrupts its object
   * (`corruptCompletes`), and whether its answer is lost (`loseCompleteAnswers`, logged `answer-lost`).
   */
  takeCompleteFaults(request: { req: IncomingMessage; res: ServerResponse; record: { fault?: string } }): {
    corruptObject: boolean;
  } {
    if (this.countDown(this.plan.loseCompleteAnswers)) {
      this.loseAnswer(request.req, request.res);
      request.record.fault = 'answer-lost';
    }
    return { corruptObject: this.countDown(this.plan.corruptCompletes) };
  }

  /** A stage that inverts one byte of the first chunk of a body corrupted in transit. */
  corrupter(req: IncomingMessage): Transform | undefined {
    if (this.corrupted.get(req) !== 'transit') return undefined;
    let done = false;
    return new Transform({
      transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback) {
        if (!done && chunk.length > 0) {
          done = true;
          const copy = Buffer.from(chunk);
          const at = Math.floor(copy.length / 2);
          copy[at] = (copy[at] ?? 0) ^ 0xff;
          callback(null, copy);
          return;
        }
        callback(null, chunk);
      },
    });
  }

  /** Whether a `{ count }` fault takes this call: it then counts down and counts as injected. */
  private countDown(fault: { count: number } | undefined): fault is { count: number } {
    if (!fault || fault.count <= 0) return false;
    fault.count -= 1;
    this.injected += 1;
    return true;
  }

  private pickCorruption(req: IncomingMessage): void {
    const plan = this.plan.corruptParts;
    if (!plan) return;
    let pick = false;
    if (plan.count !== undefined && plan.count > 0) {
      plan.count -= 1;
      pick = true;
    } else if (plan.percent !== undefined && Math.random() * 100 < plan.percent) {
      pick = true;
    }
    if (!pick) return;
    this.injected += 1;
    this.corrupted.set(req, plan.at ?? 'transit');
  }

  /** Wraps a request body so it flows no faster than the bandwidth cap (shared by all requests). */
  throttle(): Transform | undefined {
    if (!this.plan.bandwidthBytesPerSecond) return undefined;
    return new Transform({
      transform: (chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) => {
        this.take(chunk.length).then(() => done(null, chunk), done);
      },
    });
  }

  /** A debt-based token bucket: a request may overdraw, then waits until the debt is paid. */
  private async take(bytes: number): Promise<void> {
    const rate = this.plan.bandwidthBytesPerSecond;
    if (!rate) return;
    const now = Date.now();
    this.tokens = Math.min(rate / 10, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    this.tokens -= bytes;
    if (this.tokens < 0) await sleep((-this.tokens / rate) * 1000);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
