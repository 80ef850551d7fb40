import { describe, expect, it } from 'vitest';
import { developerDetailOf, vodError } from './index.js';

describe('developerDetailOf', () => {
  it('names the code, provider, cloud code, field, request id and message', () => {
    const error = vodError('cloud_refused', 'MediaType is invalid', {
      provider: 'tencent',
      cloudCode: 'InvalidParameterValue.MediaType',
      field: 'MediaType',
      requestId: 'r-1',
    });
    expect(developerDetailOf(error)).toBe(
      'cloud_refused (tencent) · cloud code InvalidParameterValue.MediaType · field MediaType · request id r-1 · MediaType is invalid',
    );
  });

  it('is just the code and message when there is nothing else', () => {
    expect(developerDetailOf(vodError('network', 'offline'))).toBe('network · offline');
  });
});
