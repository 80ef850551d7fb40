import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..');

/** Section `endpoint`: the credential endpoint's own time per request (packages/server/bench/handler-overhead.ts). */
export async function endpoint(): Promise<string> {
  const overhead = execFileSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'packages/server/bench/handler-overhead.ts'],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  return `## Credential endpoint overhead (packages/server/bench/handler-overhead.ts)\n\n\`\`\`\n${overhead.trim()}\n\`\`\``;
}
