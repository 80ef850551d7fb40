import { join, resolve } from 'node:path';
import {
  type ProcessWithDescriptor,
  spawnWithDescriptor,
} from '../../../../../tests/support/spawn-with-descriptor.js';
import type { EndpointProcessOptions } from './endpoint-process.js';

const repoRoot = resolve(import.meta.dirname, '../../../../..');
const script = join(import.meta.dirname, 'endpoint-process.ts');

/** One started endpoint process. */
export type EndpointProcess = ProcessWithDescriptor<{ url: string; pid: number }>;

/** Starts one `endpoint-process.ts` child (from the TypeScript sources through tsx). */
export function startEndpointProcess(options: EndpointProcessOptions): Promise<EndpointProcess> {
  return spawnWithDescriptor(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', script, JSON.stringify(options)],
    // tsx boots slowly on a loaded machine.
    { name: 'an endpoint process', cwd: repoRoot, timeoutMs: 60_000 },
  );
}

/** Starts `count` endpoint processes with the same options, at once. */
export function startEndpointFleet(
  count: number,
  options: EndpointProcessOptions,
): Promise<EndpointProcess[]> {
  return Promise.all(Array.from({ length: count }, () => startEndpointProcess(options)));
}
