import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../../tests/support/code-of.js';
import { UploadTickets } from './upload-tickets.js';

const claims = { provider: 'aliyun' as const, kind: 'video' as const, id: 'v1', declaredSize: 10 };
const NOW = Date.UTC(2026, 11, 1);

describe('UploadTickets', () => {
  const tickets = new UploadTickets({ secrets: ['secret-number-one-000'], ttlSeconds: 60 });

  it('opens its own ticket for the same caller and provider, and hides the caller id', () => {
    const ticket = tickets.issue('alice@example.com', claims, NOW);
    expect(ticket).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(Buffer.from(ticket.split('.')[1]!, 'base64url').toString()).not.toContain('alice');
    expect(tickets.open(ticket, 'alice@example.com', 'aliyun', NOW + 59_000)).toEqual(claims);
  });

  it('refuses another caller, another provider, a changed payload, an expired ticket', () => {
    const ticket = tickets.issue('alice', claims, NOW);
    expect(codeOf(() => tickets.open(ticket, 'bob', 'aliyun', NOW))).toBe('forbidden');
    expect(codeOf(() => tickets.open(ticket, 'alice', 'tencent', NOW))).toBe('forbidden');
    const [v, , mac] = ticket.split('.');
    const other = tickets.issue('alice', { ...claims, id: 'v2' }, NOW).split('.')[1];
    expect(codeOf(() => tickets.open(`${v}.${other}.${mac}`, 'alice', 'aliyun', NOW))).toBe('forbidden');
    expect(codeOf(() => tickets.open('not-a-ticket', 'alice', 'aliyun', NOW))).toBe('forbidden');
    expect(codeOf(() => tickets.open(ticket, 'alice', 'aliyun', NOW + 60_000))).toBe('credential_expired');
  });

  it('seals with the first secret and opens with any listed one', () => {
    const old = new UploadTickets({ secrets: ['secret-number-one-000'] });
    const rotated = new UploadTickets({ secrets: ['secret-number-two-000', 'secret-number-one-000'] });
    const dropped = new UploadTickets({ secrets: ['secret-number-two-000'] });
    const ticket = old.issue('alice', claims, NOW);
    expect(rotated.open(ticket, 'alice', 'aliyun', NOW)).toEqual(claims);
    expect(codeOf(() => dropped.open(ticket, 'alice', 'aliyun', NOW))).toBe('forbidden');
    expect(codeOf(() => old.open(rotated.issue('alice', claims, NOW), 'alice', 'aliyun', NOW))).toBe(
      'forbidden',
    );
  });
});
