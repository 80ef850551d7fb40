import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Options of {@link spawnWithDescriptor}. */
export interface SpawnWithDescriptorOptions<T> {
  /** What the process is, for error messages ("the sandbox CLI"). */
  name: string;
  cwd?: string;
  /** The whole environment of the process; default the test's own. */
  env?: NodeJS.ProcessEnv;
  /** How long the process may take to print its descriptor. Default 30 s. */
  timeoutMs?: number;
  /**
   * Reads the descriptor from one stdout line; `undefined` means "not this line". Default: the first
   * line that starts with `{`, as JSON (what the sandbox CLI and the test stacks print).
   */
  parse?: (line: string) => T | undefined;
  /**
   * Copy the process's stderr into the test's output (default). `false` keeps it only for the
   * error message when the process fails to start (the demo's Vite warnings are noise in a report).
   */
  showStderr?: boolean;
}

/** A child process and the descriptor it printed once ready (its URLs, ports…). */
export interface ProcessWithDescriptor<T> {
  child: ChildProcess;
  descriptor: T;
  /**
   * Stops the process: closes its stdin and sends `signal` (default SIGTERM; every server of ours
   * closes cleanly on either), then SIGKILL if it still runs after 5 s; resolves once it has exited.
   * `stop('SIGKILL')` plays a crash.
   */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const STDERR_KEPT = 8 * 1024;

function defaultParse<T>(line: string): T | undefined {
  return line.startsWith('{') ? (JSON.parse(line) as T) : undefined;
}

/**
 * Starts a process that announces itself on stdout (the sandbox CLI's descriptor line, a test
 * stack's `{ url }`) and resolves once it has, failing with the end of its stderr if it exits or
 * stays silent first. Its stdin is a pipe the tests never write to: when the test process dies, the
 * pipe closes and servers that watch stdin stop too, instead of outliving the run.
 *
 * @example
 * const sandbox = await spawnWithDescriptor<SandboxDescriptor>(process.execPath, [cli, '--port', '0'], {
 *   name: 'the sandbox CLI',
 * });
 * await sandbox.stop();
 */
export async function spawnWithDescriptor<T>(
  command: string,
  args: readonly string[],
  options: SpawnWithDescriptorOptions<T>,
): Promise<ProcessWithDescriptor<T>> {
  const { name, timeoutMs = 30_000, parse = defaultParse<T>, showStderr = true } = options;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (showStderr) process.stderr.write(chunk);
    stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const descriptor = await new Promise<T>((done, fail) => {
    const failWith = (why: string) => {
      clearTimeout(timer);
      lines.close();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      fail(new Error(`${name} ${why}${stderr ? `:\n${stderr}` : ''}`));
    };
    const timer = setTimeout(() => failWith(`printed no descriptor within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (error) => failWith(`could not start (${error.message})`));
    // 'close', not 'exit': by then stderr has been read to the end, for the message.
    child.once('close', (code, signal) => failWith(`exited (${signal ?? code}) before it was ready`));
    lines.on('line', (line) => {
      const value = parse(line);
      if (value === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('close');
      lines.close();
      done(value);
    });
  });
  // Keep draining stdout, or a chatty process would block once the pipe fills.
  child.stdout?.resume();
  return {
    child,
    descriptor,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.stdin?.end();
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
