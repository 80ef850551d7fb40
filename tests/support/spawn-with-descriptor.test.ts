import { describe, expect, it } from 'vitest';
import { spawnWithDescriptor } from './spawn-with-descriptor.js';

/** A node process running `code`. */
function node(code: string): [string, string[]] {
  return [process.execPath, ['-e', code]];
}

describe('spawnWithDescriptor', () => {
  it('resolves with the first JSON line, skipping the lines before it, and stop() ends the process', async () => {
    const [command, args] = node(
      "console.log('starting…'); console.log(JSON.stringify({ url: 'http://127.0.0.1:1/' })); setInterval(() => {}, 1000);",
    );
    const server = await spawnWithDescriptor<{ url: string }>(command, args, { name: 'the server' });
    expect(server.descriptor).toEqual({ url: 'http://127.0.0.1:1/' });
    await server.stop();
    expect(server.child.signalCode).toBe('SIGTERM');
  });

  it('reads the descriptor with `parse` from a line meant for people', async () => {
    const [command, args] = node("console.log('demo: http://127.0.0.1:2/'); setInterval(() => {}, 1000);");
    const demo = await spawnWithDescriptor(command, args, {
      name: 'the demo',
      parse: (line) => /demo: (\S+)/.exec(line)?.[1],
    });
    expect(demo.descriptor).toBe('http://127.0.0.1:2/');
    await demo.stop('SIGKILL');
    expect(demo.child.signalCode).toBe('SIGKILL');
  });

  it('fails with the name and the end of stderr when the process exits before it is ready', async () => {
    const [command, args] = node("console.error('port in use'); process.exit(3);");
    await expect(
      spawnWithDescriptor(command, args, { name: 'the sandbox', showStderr: false }),
    ).rejects.toThrow(/the sandbox exited \(3\) before it was ready:\nport in use/);
  });

  it('fails after timeoutMs when no line is a descriptor, and kills the process', async () => {
    const [command, args] = node("console.log('not json'); setInterval(() => {}, 1000);");
    await expect(spawnWithDescriptor(command, args, { name: 'the stack', timeoutMs: 500 })).rejects.toThrow(
      'the stack printed no descriptor within 500 ms',
    );
  });
});
