import { describe, expect, it } from 'vitest';
import { parseCompleteXml } from './multipart-handlers.js';

describe('CompleteMultipartUpload XML', () => {
  it('reads parts in the order given, ETags as sent', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>\n<Part>\n<PartNumber>2</PartNumber>\n<ETag>"b"</ETag>\n</Part><Part><PartNumber>1</PartNumber><ETag>"a"</ETag></Part></CompleteMultipartUpload>';
    expect(parseCompleteXml(xml)).toEqual([
      { partNumber: 2, etag: '"b"' },
      { partNumber: 1, etag: '"a"' },
    ]);
  });

  it('refuses anything else as MalformedXML', () => {
    for (const xml of [
      '',
      'plain',
      '<CompleteMultipartUpload><Part>',
      '<CompleteMultipartUpload></CompleteMultipartUpload>',
      '<Other><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></Other>',
      '<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>',
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>',
    ]) {
      expect(() => parseCompleteXml(xml), xml).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
    }
  });
});
