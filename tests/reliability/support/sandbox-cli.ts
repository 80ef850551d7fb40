import {
  type SandboxProcess,
  startSandboxProcess,
} from '../../../packages/sandbox/tests/support/sandbox-process.js';

/** The sandbox CLI as a child process on a fixed port, which can be killed and started again. */
export interface SandboxCli {
  url: string;
  port: number;
  /** Kills the process (SIGKILL: a crash, not a clean stop), waits `downMs`, starts it again on the same port and data. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the sandbox CLI on a free port with its data in `dataDir`. */
export async function startSandboxCli(dataDir: string): Promise<SandboxCli> {
  let sandbox: SandboxProcess = await startSandboxProcess({ dataDir });
  const port = Number(new URL(sandbox.descriptor.url).port);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async restart(downMs) {
      await sandbox.stop('SIGKILL');
      await new Promise((done) => setTimeout(done, downMs));
      sandbox = await startSandboxProcess({ dataDir, port });
    },
    async stop() {
      await sandbox.stop();
    },
  };
}
