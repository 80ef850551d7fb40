/**
 * What reading a chosen `File` into a worker costs Chromium, with and without a CRC (issue #17):
 * the integrity check's work apart from any upload. A page hands one random file of
 * `BENCH_READ_MB` (512) MiB to a dedicated worker, which walks it in 8 MiB slices (the engine's
 * part) the way named in each row, `BENCH_READ_RUNS` (3) rounds interleaved; CPU is this process
 * tree's (Chromium's browser, renderer and network processes) from /proc. Writes the `file-read`
 * block of bench/RESULTS.md.
 *
 *   npm run bench:read
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { writeRandomFile } from '../packages/uppy/tests/support/start-stack.js';
import { chromiumLaunchOptions } from '../playwright.config.js';
import { envNumber, MiB } from './support/bench-context.js';
import { processTreeCpuSeconds } from './support/process-cpu.js';
import { writeResultsSection } from './support/results-section.js';
import { median, spread, table } from './support/stats.js';

/** How the worker walks each slice: what the product does (stream + CRC) and what it could do. */
const METHODS = {
  'stream, no hash (the read alone)': 'stream-none',
  'stream + CRC-64/XZ (COS, OSS: what the engine does)': 'stream-crc64',
  'stream + CRC32C (S3: what the engine does)': 'stream-crc32c',
  'arrayBuffer() of the slice + CRC-64/XZ': 'buffer-crc64',
} as const;

const WORKER = `
importScripts('/hash-wasm/crc64.umd.min.js', '/hash-wasm/crc32.umd.min.js');
const PART = 8 * 1024 * 1024;
onmessage = async ({ data: { file, method } }) => {
  const started = performance.now();
  const hasher = method.endsWith('crc64') ? await hashwasm.createCRC64()
    : method.endsWith('crc32c') ? await hashwasm.createCRC32(0x82f63b78) : undefined;
  for (let at = 0; at < file.size; at += PART) {
    const slice = file.slice(at, at + PART);
    hasher?.init();
    if (method.startsWith('buffer')) hasher.update(new Uint8Array(await slice.arrayBuffer()));
    else {
      const reader = slice.stream().getReader();
      for (;;) { const { done, value } = await reader.read(); if (done) break; hasher?.update(value); }
    }
    hasher?.digest();
  }
  postMessage(performance.now() - started);
};`;

const PAGE = `<!doctype html><input type=file id=file><script>
window.walk = (method) => new Promise((done) => {
  const worker = new Worker('/worker.js');
  worker.onmessage = (event) => { worker.terminate(); done(event.data); };
  worker.postMessage({ file: document.getElementById('file').files[0], method });
});</script>`;

const sizeMiB = envNumber('BENCH_READ_MB', 512);
const runs = envNumber('BENCH_READ_RUNS', 3);
const dir = await mkdtemp(join(tmpdir(), 'vod-read-'));
const file = join(dir, 'read.bin');
await writeRandomFile(file, sizeMiB * MiB, 17);
const hashWasm = join(import.meta.dirname, '..', 'node_modules', 'hash-wasm', 'dist');
const server = createServer((req, res) => {
  if (req.url?.startsWith('/hash-wasm/')) {
    res.setHeader('content-type', 'text/javascript');
    createReadStream(join(hashWasm, req.url.slice('/hash-wasm/'.length).replace(/[^\w.]/g, ''))).pipe(res);
  } else if (req.url === '/worker.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(WORKER);
  else res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
}).listen(0, '127.0.0.1');
await new Promise((ready) => server.once('listening', ready));
const browser = await chromium.launch(chromiumLaunchOptions);
const started = new Date();
const loads: number[] = [];
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.setInputFiles('#file', file);
  await page.evaluate('walk("stream-none")'); // warm-up: the page cache of the file, the worker's code
  const figures = new Map<string, { ms: number[]; cpu: number[] }>();
  for (let round = 0; round < runs; round++) {
    for (const [label, method] of Object.entries(METHODS)) {
      loads.push(loadavg()[0] ?? 0);
      const cpuBefore = processTreeCpuSeconds();
      const ms = (await page.evaluate(`walk(${JSON.stringify(method)})`)) as number;
      const cpu = processTreeCpuSeconds() - cpuBefore;
      const entry = figures.get(label) ?? { ms: [], cpu: [] };
      entry.ms.push(ms);
      entry.cpu.push(cpu);
      figures.set(label, entry);
      console.log(`${label}: ${ms.toFixed(0)} ms, ${cpu.toFixed(2)} CPU s`);
    }
  }
  const perGiB = 1024 / sizeMiB;
  const rows = [...figures].map(([label, { ms, cpu }]) => [
    label,
    spread(
      ms.map((x) => sizeMiB / (x / 1000)),
      0,
    ),
    spread(
      cpu.map((x) => x * perGiB),
      2,
    ),
    spread(
      ms.map((x) => (x / 1000) * perGiB),
      2,
    ),
  ]);
  const readAlone = median(figures.get('stream, no hash (the read alone)')?.cpu ?? [0]) * perGiB;
  writeResultsSection(
    'file-read',
    `## Reading a chosen file in a worker (${sizeMiB} MiB in 8 MiB slices, ${runs} rounds, median (min–max))

${table(['how each slice is read', 'MiB/s', 'CPU s per GiB (Chromium, all processes)', 'wall s per GiB'], rows)}

No upload runs: this is the integrity check's own work. Reading the bytes of a \`File\` into a worker
costs Chromium ${readAlone.toFixed(1)} CPU s per GiB before any hash (the browser process reads the
file and moves it to the worker over IPC); hash-wasm's CRC adds little to it. An upload of the same
file sends it without that move (the network service reads the file itself), so on a machine whose
cores already carry the upload, the sandbox and the endpoint, the check's cost is this read.
Load average (1 min): ${spread(loads, 2)} on ${cpus().length} cores.

_Written by \`BENCH_READ_MB=${sizeMiB} BENCH_READ_RUNS=${runs} npm run bench:read\` (bench/file-read-cost.ts) on ${started.toISOString().slice(0, 16)}Z._`,
  );
  console.log('wrote the file-read block of bench/RESULTS.md');
} finally {
  await browser.close();
  server.close();
  await rm(dir, { recursive: true, force: true });
}
