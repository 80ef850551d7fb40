import { describe, expect, it } from 'vitest';
import { base64Json, base64UrlJson } from '../tests/fixtures/cloud-results.js';
import { decodeBase64Json, decodeBase64Utf8 } from './index.js';

const value = { title: '标题 – ü 🎬', path: 'a/b+c?d' };

describe('decodeBase64Json', () => {
  it('round-trips UTF-8 JSON in standard base64, base64url and without padding', () => {
    expect(decodeBase64Json(base64Json(value))).toEqual(value);
    expect(decodeBase64Json(base64UrlJson(value))).toEqual(value);
    expect(decodeBase64Json(base64Json(value).replace(/=+$/, ''))).toEqual(value);
  });

  it('ignores line breaks some encoders insert', () => {
    const wrapped = base64Json(value).replace(/(.{20})/g, '$1\n');
    expect(decodeBase64Json(wrapped)).toEqual(value);
  });

  it.each([
    ['abc$', 'not base64'],
    ['a', 'not base64'],
    [btoa('{"a":'), 'not JSON'],
    [btoa('\xc3\x28'), 'not UTF-8'],
  ])('rejects %j as %s', (input, reason) => {
    expect(() => decodeBase64Json(input)).toThrow(reason);
  });

  it('decodes the empty string to the empty text', () => {
    expect(decodeBase64Utf8('')).toBe('');
  });
});
