import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { objectStored } from './apis/aliyun-vod/video-processing.js';
import { apiModules } from './apis/index.js';
import { MAX_UPLOAD_BODY_BYTES } from './apis/upload-size-limit.js';
import { Clock } from './clock.js';
import { CredentialRegistry } from './credentials.js';
import { accountKeys, makeDescriptor, type SandboxDescriptor } from './descriptor.js';
import { SandboxEvents } from './events/sandbox-events.js';
import { Faults } from './faults.js';
import { guardAdmin } from './http/admin-guard.js';
import type { SandboxContext } from './http/api-module.js';
import { answerPreflight, applyCors } from './http/cors.js';
import { makeApiRequest } from './http/request.js';
import { sendJson } from './http/send.js';
import { RequestLog } from './request-log.js';
import {
  DEFAULT_CREDENTIAL_LIFETIME_SECONDS,
  DEFAULT_IMPORT_MAX_BYTES,
  DEFAULT_PROCESSING_STAGE_MS,
  DEFAULT_REDELIVER_AFTER_MS,
  DEFAULT_TIMESTAMP_WINDOW_SECONDS,
  type EventOptions,
  type SandboxOptions,
} from './sandbox-options.js';
import { ObjectStore } from './store/object-store.js';
import { StateStore } from './store/state-store.js';

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:<port>` */
  url: string;
  descriptor: SandboxDescriptor;
  /** Everything the emulated APIs share: store, faults, log, clock, credentials. */
  context: SandboxContext;
  /**
   * Adds a page origin to `adminOrigins`, for a server that learns its own address after the
   * sandbox started (the demo's page).
   */
  allowAdminOrigin(origin: string): void;
  /** Adds a host (`host` or `host:port`) to `importAllowHosts`, likewise. */
  allowImportHost(host: string): void;
  /**
   * Sets where event callbacks go (merged in), for a receiver that learns its address after the
   * sandbox started. Throws a `TypeError` for a URL that is not loopback.
   */
  setEvents(events: EventOptions): void;
  /** Stops listening, drops open connections and writes pending state. Data stays in `dataDir`. */
  close(): Promise<void>;
}

/**
 * Starts the sandbox on 127.0.0.1.
 * @example
 * const sandbox = await startSandbox({ port: 0 });
 * // configure SDKs from sandbox.descriptor, then:
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dataDir = resolve(options.dataDir ?? mkdtempSync(join(tmpdir(), 'vod-sandbox-')));
  mkdirSync(dataDir, { recursive: true });
  const state = new StateStore(dataDir);
  const clock = new Clock();
  const faults = new Faults();
  const log = new RequestLog();
  const eventOptions = { redeliverAfterMs: DEFAULT_REDELIVER_AFTER_MS, pullWaitMs: 5000, ...options.events };
  // Checked before listening: a non-loopback callback target is refused at start.
  const events = new SandboxEvents(eventOptions, clock, faults);

  const server = createServer();
  server.keepAliveTimeout = 5000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const port = (server.address() as AddressInfo).port;
  const descriptor = makeDescriptor(port, accountKeys(state));
  const context: SandboxContext = {
    options: {
      port,
      dataDir,
      credentialLifetimeSeconds: options.credentialLifetimeSeconds ?? DEFAULT_CREDENTIAL_LIFETIME_SECONDS,
      timestampWindowSeconds: options.timestampWindowSeconds ?? DEFAULT_TIMESTAMP_WINDOW_SECONDS,
      adminOrigins: [...(options.adminOrigins ?? [])],
      importAllowHosts: [...(options.importAllowHosts ?? [])].map((host) => host.toLowerCase()),
      importMaxBytes: options.importMaxBytes ?? DEFAULT_IMPORT_MAX_BYTES,
      uploadMaxBytes: options.uploadMaxBytes ?? MAX_UPLOAD_BODY_BYTES,
      cosAccountKeyScope: options.cosAccountKeyScope ?? 'bucket',
      processing: { stageMs: options.processing?.stageMs ?? DEFAULT_PROCESSING_STAGE_MS },
      events: eventOptions,
    },
    descriptor,
    store: new ObjectStore(dataDir, {
      diskFull: () => faults.takeDiskFull(),
      stored: (meta) => objectStored(context, meta),
    }),
    state,
    credentials: new CredentialRegistry(state, clock),
    clock,
    faults,
    log,
    events,
  };

  server.on('request', (req, res) => {
    handle(req, res, context).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'InternalError', message: String(error) });
      else res.destroy();
    });
  });

  return {
    url: descriptor.url,
    descriptor,
    context,
    allowAdminOrigin: (origin) => {
      context.options.adminOrigins.push(origin);
    },
    allowImportHost: (host) => {
      context.options.importAllowHosts.push(host.toLowerCase());
    },
    setEvents: (next) => {
      context.options.events = events.configure(next);
    },
    close: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      state.close();
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: SandboxContext): Promise<void> {
  const record = ctx.log.start(req.method ?? 'GET', req.url ?? '/');
  res.on('finish', () => {
    record.status = res.statusCode;
    record.answeredAt = Date.now();
  });
  res.on('close', () => {
    if (!record.status) record.status = res.writableFinished ? res.statusCode : 0;
  });
  // The same test as the admin module's `matches`, on the same parsing of the URL.
  const { pathname } = new URL(req.url ?? '/', 'http://sandbox.invalid');
  if (pathname === '/_sandbox' || pathname.startsWith('/_sandbox/')) {
    if (!guardAdmin(req, res, ctx)) return;
  } else {
    applyCors(req, res);
    if (answerPreflight(req, res)) return;
  }
  await ctx.faults.delay();
  const request = makeApiRequest(req, res, record, ctx.faults);
  const module = apiModules.find((m) => m.matches(request, ctx));
  if (!module) {
    sendJson(res, 404, {
      error: 'NoSuchRoute',
      message: `The sandbox serves nothing at ${req.method} ${request.url.pathname}`,
    });
    return;
  }
  record.api = module.name;
  await module.handle(request, ctx);
}
