import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, startSandbox, UnknownFaultError } from '../../src/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const postFaults = (body: string) =>
  fetch(`${sandbox.descriptor.adminUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

it('faults: a misspelled fault is refused by name and changes nothing (admin API and faults.set)', async () => {
  await postFaults(JSON.stringify({ loseAnswers: { count: 1 } }));
  const refused = await postFaults(JSON.stringify({ loseAnswer: { count: 2 }, latencyMs: 500 }));
  expect(refused.status).toBe(400);
  const answer = (await refused.json()) as { error: string; message: string };
  expect(answer.error).toBe('UnknownFault');
  expect(answer.message).toContain('"loseAnswer"');
  expect(answer.message).toContain('loseAnswers');
  // Nothing of the refused plan is in force, and what was set before stands.
  const current = (await (await fetch(`${sandbox.descriptor.adminUrl}/faults`)).json()) as { plan: object };
  expect(current.plan).toEqual({ loseAnswers: { count: 1 } });

  expect(() => sandbox.context.faults.set({ stallUploads: { count: 1 } } as never)).toThrow(
    UnknownFaultError,
  );
  expect((await postFaults('[1]')).status).toBe(400);
  expect((await postFaults('null')).status).toBe(400);
});
