import { describe, expect, it } from 'vitest';
import { caught, failedField } from '../tests/fixtures/caught.js';
import { decodeEndpointResponse, userMessageOf, VodCredentialError, vodError } from './index.js';

describe('decodeEndpointResponse', () => {
  it('returns result and serverTime of a success, parsed or as text', () => {
    const body = { result: { Response: { RequestId: 'r' } }, serverTime: 1_700_000_000_000 };
    expect(decodeEndpointResponse(200, body)).toEqual(body);
    expect(decodeEndpointResponse(201, JSON.stringify(body))).toEqual(body);
  });

  it('returns the ticket of an answer that opened a session, and refuses a malformed one', () => {
    const body = { result: {}, serverTime: 1_700_000_000_000, ticket: 'v1.payload.mac' };
    expect(decodeEndpointResponse(200, body)).toEqual(body);
    for (const ticket of ['', 7, null]) {
      expect(caught(() => decodeEndpointResponse(200, { ...body, ticket }))).toMatchObject({
        code: 'decode_failed',
        field: 'ticket',
      });
    }
  });

  it('passes on the storage endpoint the server is configured with, and leaves it out when absent', () => {
    const storageEndpoint = { domain: '127.0.0.1:9000/{Bucket}', protocol: 'http:' };
    const body = { result: {}, serverTime: 1_700_000_000_000, storageEndpoint };
    expect(decodeEndpointResponse(200, body).storageEndpoint).toEqual(storageEndpoint);
    expect(decodeEndpointResponse(200, { result: {}, serverTime: 1 })).not.toHaveProperty('storageEndpoint');
  });

  it.each([
    ['media.example.com', 'ftp:', 'storageEndpoint.protocol'],
    ['https://media.example.com', 'https:', 'storageEndpoint.domain'],
    ['', 'https:', 'storageEndpoint.domain'],
    ['a b', 'https:', 'storageEndpoint.domain'],
  ])('refuses a storage endpoint %j over %j (decode_failed naming %s)', (domain, protocol, field) => {
    const body = { result: {}, serverTime: 1, storageEndpoint: { domain, protocol } };
    expect(failedField(() => decodeEndpointResponse(200, body))).toBe(field);
  });

  it('rebuilds the endpoint error, keeping code, cloudCode, requestId and the subclass', () => {
    const sent = vodError('credential_expired', 'STS expired', {
      provider: 'aliyun',
      cloudCode: 'InvalidSecurityToken.Expired',
      requestId: 'req-1',
    });
    const error = caught(() => decodeEndpointResponse(403, { error: sent.toJSON() }));
    expect(error).toBeInstanceOf(VodCredentialError);
    expect(error.toJSON()).toEqual(sent.toJSON());
  });

  it('turns a code it does not know (__proto__, toString, a newer one) into internal, naming it', () => {
    for (const code of ['__proto__', 'toString', 'constructor', 'brand_new']) {
      const error = caught(() => decodeEndpointResponse(400, { error: { code, message: 'x' } }));
      expect(error.code, code).toBe('internal');
      expect(error.message).toContain(JSON.stringify(code));
      expect(typeof userMessageOf(error)).toBe('string');
    }
  });

  it('gives an error without retryable the default of its code', () => {
    const error = caught(() =>
      decodeEndpointResponse(429, { error: { code: 'rate_limited', message: 'slow down' } }),
    );
    expect(error.code).toBe('rate_limited');
    expect(error.retryable).toBe(true);
  });

  it.each([
    [502, ''],
    [503, undefined],
    [504, '<html><body>Gateway Timeout</body></html>'],
    [500, { unexpected: true }],
  ])('turns a %i without a usable body into cloud_unavailable', (status, body) => {
    const error = caught(() => decodeEndpointResponse(status, body));
    expect(error.code).toBe('cloud_unavailable');
    expect(error.retryable).toBe(true);
    // A gateway's 502/504 names the likely cause for the developer: the endpoint behind it is down.
    expect(error.message.includes('is the endpoint running?')).toBe(status === 502 || status === 504);
  });

  it.each([
    [404, '<!DOCTYPE html><html><body>Cannot POST /api/vdo/tencent/apply</body></html>'],
    [404, ''],
    [404, { error: { code: 'not_found' } }],
    [404, { message: 'Not Found' }],
  ])('turns a 404 that is not the endpoint’s own error (%j) into endpoint_not_found', (status, body) => {
    const error = caught(() => decodeEndpointResponse(status, body));
    expect(error.code).toBe('endpoint_not_found');
    expect(error.retryable).toBe(false);
  });

  it.each([
    [401, '<html><body>Please sign in</body></html>', 'unauthorized', false],
    [403, 'Forbidden', 'forbidden', false],
    [408, '<html>Request Timeout</html>', 'request_timeout', true],
    [413, '<html>413 Request Entity Too Large</html>', 'body_too_large', false],
    [429, 'Too Many Requests', 'rate_limited', true],
  ])(
    'reads a proxy’s %i that is not the endpoint’s own error by its status (%j): %s',
    (status, body, code, retryable) => {
      // Before, each was decode_failed ("answered in an unexpected way"), a 429 and a 408 not retried.
      const error = caught(() => decodeEndpointResponse(status, body));
      expect(error.code).toBe(code);
      expect(error.retryable).toBe(retryable);
    },
  );

  it('keeps the endpoint’s own 404 error', () => {
    const body = { error: { code: 'not_found', message: 'no such task' } };
    expect(caught(() => decodeEndpointResponse(404, body)).code).toBe('not_found');
  });

  it.each([
    [200, 'not json', '(root)'],
    [200, [], '(root)'],
    [200, { serverTime: 1 }, 'result'],
    [200, { result: {} }, 'serverTime'],
    [200, { result: {}, serverTime: '1700000000000' }, 'serverTime'],
    [400, '<html>Bad Request</html>', 'error'],
  ])('turns a %i with a wrong-shaped body (%j) into decode_failed naming %s', (status, body, field) => {
    expect(failedField(() => decodeEndpointResponse(status, body))).toBe(field);
  });
});
