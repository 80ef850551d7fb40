/**
 * `npm run bench`: measures the uploader in Chromium against the sandbox on loopback and writes
 * bench/RESULTS.md, one block per section (`bench/sections/<name>.ts`). The defaults are the issue's
 * sizes (1 GiB, 2 GiB heap; about an hour on this repo's 2-core machine). `BENCH_ONLY=<name,…>` runs
 * only those sections and rewrites only their blocks (`writeResultsSection`), the rest of the file
 * staying as it was; smaller sizes for a quick look come from the environment:
 *   BENCH_ONLY=integrity npm run bench
 *   BENCH_OUT=RESULTS-quick.md BENCH_MB=256 BENCH_HEAP_MB=512 BENCH_SHAPED_MB=64 BENCH_RELOAD_MB=128 npm run bench
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../playwright.config.js';
import { startReliabilityStack } from '../tests/reliability/support/reliability-stack.js';
import { matrixSection } from './matrix.js';
import { bundles } from './sections/bundles.js';
import { endpoint } from './sections/endpoint.js';
import { heap } from './sections/heap.js';
import { integrity } from './sections/integrity.js';
import { queue } from './sections/queue.js';
import { reload } from './sections/reload.js';
import { shaped } from './sections/shaped.js';
import { throughput } from './sections/throughput.js';
import { tuning } from './sections/tuning.js';
import { type BenchContext, benchContext, envNumber } from './support/bench-context.js';
import { writeResultsSection } from './support/results-section.js';

/** The sections in the order RESULTS.md shows them. */
const sections: Record<string, (ctx: BenchContext) => Promise<string>> = {
  throughput,
  tuning,
  heap,
  shaped,
  reload,
  queue,
  integrity,
  // The same pairs on a link slower than the CPU (BENCH_INTEGRITY_LINK_MBIT, 400 by default).
  'integrity-link': (ctx) => integrity(ctx, envNumber('BENCH_INTEGRITY_LINK_MBIT', 400)),
  // The size × latency matrix (issue #20); `npm run bench:matrix` runs it alone, BENCH_MATRIX_* shape it.
  matrix: (ctx) => matrixSection(ctx.stack, ctx.browser),
  bundles,
  endpoint,
};

const only = process.env.BENCH_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = (only ?? []).filter((name) => !(name in sections));
if (unknown.length)
  throw new Error(`BENCH_ONLY: no section ${unknown.join(', ')} (${Object.keys(sections).join(', ')})`);
const chosen = Object.keys(sections).filter((name) => !only || only.includes(name));
const outFile = process.env.BENCH_OUT ?? 'RESULTS.md';
const here = import.meta.dirname;
/** The environment that changes what a section measures, for its command line. */
const settings = Object.entries(process.env)
  .filter(([name]) => name.startsWith('BENCH_') && name !== 'BENCH_ONLY' && name !== 'BENCH_OUT')
  .map(([name, value]) => `${name}=${value} `)
  .join('');

if (!only) {
  writeFileSync(
    join(here, outFile),
    `# Benchmark results

Written by \`npm run bench\` (bench/run.ts, one block per \`bench/sections/<name>.ts\`); each section says
when it ran and how. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, Chromium (/usr/bin/chromium), sandbox on 127.0.0.1 (its CLI under tsx), bench page built for production (\`vite build\`, served by \`vite preview\`).

The defaults are the issue's sizes (1 GiB throughput and shaped link, 2 GiB heap). One section again,
its block replaced in place: \`BENCH_ONLY=integrity npm run bench\`. A quicker look at smaller sizes,
written beside this file:

\`\`\`sh
BENCH_OUT=RESULTS-quick.md BENCH_MB=256 BENCH_HEAP_MB=512 BENCH_SHAPED_MB=64 BENCH_RELOAD_MB=128 npm run bench
\`\`\`
`,
  );
}

const stack = await startReliabilityStack({ pageRoot: join(here, 'page'), production: true });
const browser = await chromium.launch(chromiumLaunchOptions);
let current = '';
const ctx = benchContext(stack, browser, (markdown) =>
  writeResultsSection(current, `${markdown}\n\n_Partial: the section was still running._`, outFile),
);
try {
  for (const name of chosen) {
    current = name;
    const started = Date.now();
    const load = loadavg()[0] as number;
    console.log(`bench: ${name}…`);
    const markdown = await (sections[name] as (ctx: BenchContext) => Promise<string>)(ctx);
    const footer = `\n\n_Section \`${name}\`: ${new Date().toISOString().slice(0, 16)}Z, ${((Date.now() - started) / 60000).toFixed(1)} min, load average ${load.toFixed(2)} → ${(loadavg()[0] as number).toFixed(2)} on ${cpus().length} cores: \`${settings}BENCH_ONLY=${name} npm run bench\`._`;
    console.log(markdown);
    writeResultsSection(name, `${markdown}${footer}`, outFile);
  }
} finally {
  await browser.close();
  await stack.close();
}

// The notes discuss the committed figures, so only that file gets them (kept in step on every run).
const notesFile = join(here, 'NOTES.md');
if (outFile === 'RESULTS.md' && existsSync(notesFile))
  writeResultsSection('notes', readFileSync(notesFile, 'utf8'), outFile);
console.log(`\nwrote bench/${outFile}`);
