import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child process that announced itself with a JSON line on stdout. */
export interface JsonLineProcess<T> {
  child: ChildProcess;
  /** The first stdout line that parsed as a JSON object. */
  ready: T;
  /** Resolves when the child has exited (at once if it already has). */
  exited: Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 5,000) if it is still running; resolves on exit. */
  stop(graceMs?: number): Promise<void>;
}

/** Options of `spawnJsonLine`. */
export interface SpawnJsonLineOptions extends Pick<SpawnOptions, 'cwd' | 'env'> {
  /** How long to wait for the JSON line, ms. Default 60,000 (tsx boots slowly on a loaded machine). */
  timeoutMs?: number;
  /** Where the child's stderr goes. Default `inherit`, so its failures show in the test output. */
  stderr?: 'inherit' | 'ignore' | 'pipe';
  /** Sees every stdout line after the JSON one (e.g. a child's log of events). */
  onLine?: (line: string) => void;
}

/**
 * Spawns `command args` and waits for its first stdout line that is a JSON object (a server's
 * `{ "url": … }`): the one way tests start a child process and learn where it listens. Rejects
 * when the child exits first or says nothing within `timeoutMs`, killing it.
 * @example
 * const endpoint = await spawnJsonLine<{ url: string }>(process.execPath, ['--import', 'tsx', 'server.ts']);
 */
export async function spawnJsonLine<T = Record<string, unknown>>(
  command: string,
  args: string[],
  options: SpawnJsonLineOptions = {},
): Promise<JsonLineProcess<T>> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', options.stderr ?? 'inherit'],
  });
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const timeoutMs = options.timeoutMs ?? 60_000;
  let announced = false;
  const ready = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')}: no JSON line within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!announced)
        reject(new Error(`${command} ${args.join(' ')} exited (${code ?? signal}) before its JSON line`));
    });
    lines.on('line', (line) => {
      if (announced) {
        options.onLine?.(line);
        return;
      }
      if (!line.startsWith('{')) return;
      try {
        const parsed = JSON.parse(line) as T;
        announced = true;
        clearTimeout(timer);
        resolve(parsed);
      } catch {
        // Not the announcement: a log line that happens to start with a brace.
      }
    });
  });
  return {
    child,
    ready,
    exited,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
