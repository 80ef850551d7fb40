/**
 * `npm run bench:store`: what the shared store costs the credential endpoint, in one run: requests
 * per second and latency (p50, p99) at a fixed concurrency against one instance in memory, one
 * instance on Redis, and three instances on one Redis (separate processes; the load generator
 * spreads requests round robin, as a load balancer would). The route is `POST /s3/sign` of a PUT:
 * signing is local (no cloud round trip), so the store's share of each request — the rate
 * limiter's `increment`, one Redis round trip — shows rather than hides behind a cloud.
 *   BENCH_SECONDS=10 BENCH_CONCURRENCY=32 npm run bench:store
 * Writes its section of bench/RESULTS.md (`writeResultsSection('shared-store', …)`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@vod-uploader/sandbox';
import {
  type EndpointProcess,
  startEndpointFleet,
} from '../packages/server/tests/shared-store/support/endpoint-fleet.js';
import { startRedisServer } from '../tests/support/redis-server.js';
import { writeResultsSection } from './support/results-section.js';
import { table } from './support/stats.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Rounds of the three setups, interleaved, so a change in the machine's load shows as spread. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP_SECONDS = 2;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const BODY = JSON.stringify({
  method: 'PUT',
  key: 'bench.mp4',
  fileName: 'bench.mp4',
  fileSize: 1_000_000,
  contentType: 'video/mp4',
});

interface Measured {
  requests: number;
  /** Failed requests by status (0: no answer). */
  failures: Record<number, number>;
  rps: number;
  p50: number;
  p99: number;
}

/** Sends `BODY` from `CONCURRENCY` loops for `seconds`, round robin over `targets`. */
async function load(targets: string[], seconds: number): Promise<Measured> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const failures: Record<number, number> = {};
  let next = 0;
  const end = performance.now() + seconds * 1000;
  const one = (target: string, caller: string) =>
    new Promise<{ status: number; ms: number }>((resolve) => {
      const started = performance.now();
      const req = request(
        `${target}/api/vod/s3/sign`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-caller': caller } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
        },
      );
      req.on('error', () => resolve({ status: 0, ms: 0 }));
      req.end(BODY);
    });
  const loop = async (worker: number) => {
    while (performance.now() < end) {
      const target = targets[next++ % targets.length] as string;
      const { status, ms } = await one(target, `bench-${worker}`);
      if (status === 200) latencies.push(ms);
      else failures[status] = (failures[status] ?? 0) + 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, worker) => loop(worker)));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    failures,
    rps: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
  };
}

const tmp = mkdtempSync(join(tmpdir(), 'vod-bench-store-'));
const sandbox = await startSandbox({ port: 0, dataDir: join(tmp, 'sandbox') });
const redis = await startRedisServer();
const setups = [
  { name: 'one instance, memory store', instances: 1, redis: false },
  { name: 'one instance, Redis store', instances: 1, redis: true },
  { name: 'three instances, one Redis', instances: 3, redis: true },
];
const rows: unknown[][] = [];
try {
  for (let round = 1; round <= ROUNDS; round++)
    for (const setup of setups) {
      let fleet: EndpointProcess[] = [];
      try {
        fleet = await startEndpointFleet(setup.instances, {
          sandboxUrl: sandbox.url,
          ...(setup.redis ? { redisUrl: redis.url } : {}),
          // The limiter counts every request (one store round trip each) but refuses none here.
          rateLimit: { limit: 1_000_000_000 },
        });
        const targets = fleet.map((p) => p.descriptor.url);
        await load(targets, WARMUP_SECONDS);
        const load1 = loadavg()[0] ?? 0;
        const measured = await load(targets, SECONDS);
        console.log(round, setup.name, measured);
        const failed = Object.entries(measured.failures).map(
          ([status, n]) => `${n} × ${status === '0' ? 'no answer' : status}`,
        );
        rows.push([
          round,
          setup.name,
          measured.rps.toFixed(0),
          measured.p50.toFixed(1),
          measured.p99.toFixed(1),
          measured.requests,
          failed.join(', ') || 'none',
          load1.toFixed(1),
        ]);
      } finally {
        await Promise.all(fleet.map((p) => p.stop()));
      }
    }
} finally {
  await redis.stop();
  await sandbox.close();
  rmSync(tmp, { recursive: true, force: true });
}

const markdown = `## Shared store: the endpoint on one and three instances (\`npm run bench:store\`)

\`POST /api/vod/s3/sign\` (a PUT: signed locally, no cloud call; the built-in limiter counts each request
in the store) from ${CONCURRENCY} concurrent keep-alive connections for ${SECONDS} s after ${WARMUP_SECONDS} s of
warm-up, spread round robin over the instances (separate Node processes from the TypeScript sources
through tsx), against one \`redis-server\` (Debian's, 127.0.0.1, no persistence) — all in the same run,
one setup after the other, ${ROUNDS} rounds. Command: \`BENCH_SECONDS=${SECONDS} BENCH_CONCURRENCY=${CONCURRENCY} BENCH_ROUNDS=${ROUNDS} npm run bench:store\`.

${table(['round', 'setup', 'requests/s', 'p50 ms', 'p99 ms', 'ok', 'failed', 'load (1 min)'], rows)}

Measured on ${cpus().length} cores (Node ${process.version}); the load column is the 1-minute load average
when each setup started. The load generator, every instance, the sandbox and Redis share these cores,
so this shows what the shared store costs per request (Redis against memory, one instance against
three behind the round robin), not how far instances scale: that needs one machine per instance.
In each round the memory setup runs first, so it also carries the load generator's warm-up.`;

const path = writeResultsSection('shared-store', markdown);
console.log(`wrote ${path}`);
