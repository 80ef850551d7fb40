import { join, resolve } from 'node:path';
import { type JsonLineProcess, spawnJsonLine } from '../../../../../tests/support/spawn-json-line.js';
import type { EndpointProcessOptions } from './endpoint-process.js';

const repoRoot = resolve(import.meta.dirname, '../../../../..');
const script = join(import.meta.dirname, 'endpoint-process.ts');

/** One started endpoint process. */
export type EndpointProcess = JsonLineProcess<{ url: string; pid: number }>;

/** Starts one `endpoint-process.ts` child (from the TypeScript sources through tsx). */
export function startEndpointProcess(options: EndpointProcessOptions): Promise<EndpointProcess> {
  return spawnJsonLine(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', script, JSON.stringify(options)],
    {
      cwd: repoRoot,
    },
  );
}

/** Starts `count` endpoint processes with the same options, at once. */
export function startEndpointFleet(
  count: number,
  options: EndpointProcessOptions,
): Promise<EndpointProcess[]> {
  return Promise.all(Array.from({ length: count }, () => startEndpointProcess(options)));
}
