import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Clock } from '../clock.js';
import type { CredentialRegistry } from '../credentials.js';
import type { SandboxDescriptor } from '../descriptor.js';
import type { SandboxEvents } from '../events/sandbox-events.js';
import type { Faults } from '../faults.js';
import type { RequestLog, RequestRecord } from '../request-log.js';
import type { SandboxOptions } from '../sandbox-options.js';
import type { ObjectStore } from '../store/object-store.js';
import type { StateStore } from '../store/state-store.js';

/** Everything an emulated API may use. One per sandbox. */
export interface SandboxContext {
  options: Required<Omit<SandboxOptions, 'port'>> & { port: number };
  descriptor: SandboxDescriptor;
  store: ObjectStore;
  state: StateStore;
  credentials: CredentialRegistry;
  clock: Clock;
  faults: Faults;
  log: RequestLog;
  /** Event notifications: Tencent's PullEvents queue and push, Alibaba's callbacks. */
  events: SandboxEvents;
}

/** One incoming request, with helpers that count bytes into the request log. */
export interface ApiRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  record: RequestRecord;
  /** Reads the whole body (refused past `limit` bytes, default 1 MiB): for control APIs only. */
  body(limit?: number): Promise<Buffer>;
  /** The body as a stream (bandwidth-capped when a fault says so): for object uploads. */
  bodyStream(): Readable;
}

/** An emulated cloud API. The router asks each module in turn whether a request is its own. */
export interface ApiModule {
  name: string;
  matches(request: ApiRequest, ctx: SandboxContext): boolean;
  handle(request: ApiRequest, ctx: SandboxContext): Promise<void>;
}
