import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Faults } from '../faults.js';
import type { EventOptions } from '../sandbox-options.js';
import { checkLoopbackUrl } from './loopback-url.js';
import { type TencentEvent, TencentEventQueue } from './tencent-event-queue.js';

/** One callback POST the sandbox made (or dropped), for tests and the admin log. */
export interface SentCallback {
  kind: 'tencent-push' | 'aliyun-callback';
  eventType: string;
  url: string;
  /** 1 for the first try; Alibaba retries twice more after a failure. */
  attempt: number;
  /** The receiver's HTTP status; 0 when the connection failed; -1 when a fault dropped it. */
  status: number;
}

/** One event to POST: where, in which cloud's form, and how many retries a failed send gets. */
interface Delivery {
  kind: SentCallback['kind'];
  url: string;
  eventType: string;
  /** The JSON body, as sent. */
  body: string;
  retries: number;
}

/** Retries after a failed Alibaba callback ("retried twice"). */
export const ALIYUN_CALLBACK_RETRIES = 2;
const RETRY_DELAY_MS = 100;
const SEND_TIMEOUT_MS = 5000;

/**
 * The clouds' event notifications: Tencent's PullEvents queues, one per VOD application (and its
 * push mode, the same JSON POSTed to `tencentPushUrl`), Alibaba's HTTP callbacks signed with the
 * AuthKey. Callbacks are sent in the background; `idle()` resolves when none is in flight.
 */
export class SandboxEvents {
  readonly sent: SentCallback[] = [];
  private targets: EventOptions = {};
  private readonly inFlight = new Set<Promise<void>>();
  /** Tencent's queues by SubAppId (0: the main application); events never cross applications. */
  private readonly tencentQueues = new Map<number, TencentEventQueue>();
  private readonly redeliverAfterMs: number;

  constructor(
    options: EventOptions,
    private readonly clock: Clock,
    private readonly faults: Faults,
  ) {
    this.configure(options);
    this.redeliverAfterMs = options.redeliverAfterMs ?? 30_000;
  }

  /** The main application's PullEvents queue (SubAppId 0). */
  get tencentQueue(): TencentEventQueue {
    return this.tencentQueueOf(0);
  }

  /**
   * The PullEvents queue of one VOD application: PullEvents and ConfirmEvents with `SubAppId` see
   * only its events, as the SDK's `PullEventsRequest.SubAppId` scopes them.
   * @see https://www.tencentcloud.com/document/api/266/34183
   */
  tencentQueueOf(subAppId: number): TencentEventQueue {
    let queue = this.tencentQueues.get(subAppId);
    if (!queue) {
      queue = new TencentEventQueue({ now: () => this.clock.now(), redeliverAfterMs: this.redeliverAfterMs });
      this.tencentQueues.set(subAppId, queue);
    }
    return queue;
  }

  /** Sets the callback targets (merged in); refuses any URL that is not loopback. */
  configure(options: EventOptions): EventOptions {
    const next = { ...this.targets, ...options };
    if (next.tencentPushUrl)
      next.tencentPushUrl = checkLoopbackUrl(next.tencentPushUrl, 'events.tencentPushUrl');
    if (next.aliyunCallbackUrl) {
      next.aliyunCallbackUrl = checkLoopbackUrl(next.aliyunCallbackUrl, 'events.aliyunCallbackUrl');
    }
    this.targets = next;
    return { ...next };
  }

  /**
   * Queues a Tencent event for PullEvents in the queue of the application (`subAppId`, 0 for the
   * main one) whose media or task it is and, with a push URL, POSTs it there too: the sandbox has
   * one push URL for every application (VOD configures push per application).
   */
  tencent(subAppId: number, event: TencentEvent): void {
    this.tencentQueueOf(subAppId).publish(event);
    const url = this.targets.tencentPushUrl;
    if (url) {
      this.track(
        this.deliver({
          kind: 'tencent-push',
          url,
          eventType: event.EventType,
          body: JSON.stringify(event),
          retries: 0,
        }),
      );
    }
  }

  /** POSTs an Alibaba callback (when a callback URL is set), signed, retried twice on failure. */
  aliyun(body: { EventType: string } & Record<string, unknown>): void {
    const url = this.targets.aliyunCallbackUrl;
    if (!url) return;
    this.track(
      this.deliver({
        kind: 'aliyun-callback',
        url,
        eventType: body.EventType,
        body: JSON.stringify(body),
        retries: ALIYUN_CALLBACK_RETRIES,
      }),
    );
  }

  /** Resolves once no callback is being sent. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(sending: Promise<void>): void {
    this.inFlight.add(sending);
    sending.finally(() => this.inFlight.delete(sending));
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const { kind, url, eventType } = delivery;
    const { copies, delayMs } = this.faults.takeCallbackFault();
    if (delayMs > 0) await sleep(delayMs);
    if (copies === 0) {
      this.sent.push({ kind, eventType, url, attempt: 1, status: -1 });
      return;
    }
    await Promise.all(Array.from({ length: copies }, () => this.sendWithRetries(delivery)));
  }

  private async sendWithRetries({ kind, url, eventType, body, retries }: Delivery): Promise<void> {
    for (let attempt = 1; attempt <= retries + 1; attempt += 1) {
      const status = await this.post(kind, url, body);
      this.sent.push({ kind, eventType, url, attempt, status });
      if (status >= 200 && status < 300) return;
      if (attempt <= retries) await sleep(RETRY_DELAY_MS * attempt);
    }
  }

  private async post(kind: SentCallback['kind'], url: string, body: string): Promise<number> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (kind === 'aliyun-callback') {
      // Each try is signed at its own send time, as the header names the moment of sending.
      const timestamp = String(Math.floor(this.clock.now() / 1000));
      headers['x-vod-timestamp'] = timestamp;
      headers['x-vod-signature'] = aliyunCallbackSignature(url, timestamp, this.targets.aliyunAuthKey ?? '');
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch {
      return 0;
    }
  }
}

/**
 * Alibaba's callback signature: `md5("<callback URL>|<X-VOD-TIMESTAMP>|<AuthKey>")`, hex. It covers
 * neither the body nor the event, only who sent it and when.
 * @see https://www.alibabacloud.com/help/en/vod/user-guide/http-callbacks (callback authentication)
 */
export function aliyunCallbackSignature(url: string, timestamp: string, authKey: string): string {
  return createHash('md5').update(`${url}|${timestamp}|${authKey}`).digest('hex');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
