import { vodError } from '@vod-uploader/core';
import type { z } from 'zod';

/**
 * Validates a value with a schema, or throws `request_invalid` whose message names the field at
 * fault (`fileSize: Invalid input: expected number, received string`).
 */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, where = 'body'): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const keys = issue && 'keys' in issue && Array.isArray(issue.keys) ? (issue.keys as string[]) : [];
  const path = issue?.path.length ? issue.path.join('.') : (keys[0] ?? where);
  const message =
    issue?.code === 'unrecognized_keys' ? `unknown field(s) ${keys.map(quote).join(', ')}` : issue?.message;
  throw vodError('request_invalid', `${path}: ${message ?? 'invalid'}`, { field: String(path) });
}

function quote(key: string): string {
  return JSON.stringify(key.slice(0, 64));
}
