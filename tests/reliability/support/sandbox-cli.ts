import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The sandbox CLI as a child process on a fixed port, which can be killed and started again. */
export interface SandboxCli {
  url: string;
  port: number;
  /** Kills the process (SIGKILL: a crash, not a clean stop), waits `downMs`, starts it again on the same port and data. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

async function spawnSandbox(port: number, dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      'packages/sandbox/src/cli.ts',
      '--port',
      String(port),
      '--data',
      dataDir,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const descriptor = await new Promise<{ url: string }>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the sandbox did not start within 30 s')), 30_000);
    child.once('exit', (code) => fail(new Error(`the sandbox CLI exited with ${code}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      done(JSON.parse(line));
    });
  });
  return { child, port: Number(new URL(descriptor.url).port) };
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill(signal);
  await exited;
}

/** Starts the sandbox CLI on a free port with its data in `dataDir`. */
export async function startSandboxCli(dataDir: string): Promise<SandboxCli> {
  let { child, port } = await spawnSandbox(0, dataDir);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async restart(downMs) {
      await kill(child, 'SIGKILL');
      await new Promise((done) => setTimeout(done, downMs));
      ({ child } = await spawnSandbox(port, dataDir));
    },
    async stop() {
      await kill(child, 'SIGTERM');
    },
  };
}
