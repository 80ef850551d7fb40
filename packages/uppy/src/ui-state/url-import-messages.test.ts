import { describe, expect, it } from 'vitest';
import { urlImportMessagesOf } from './url-import-messages.js';

describe('URL import messages', () => {
  it('has every English string in Chinese too', () => {
    const en = urlImportMessagesOf('en');
    const zh = urlImportMessagesOf('zh-CN');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(zh.cloudSaid('HTTP 404', '60000')).toBe('原因：HTTP 404（错误码：60000）');
    expect(en.started(2)).toBe('2 imports started.');
  });
});
