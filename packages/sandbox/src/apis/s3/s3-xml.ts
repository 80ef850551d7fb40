import type { ServerResponse } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { xmlDocument } from '../../http/xml-document.js';
import { S3Error } from './s3-errors.js';

/** The namespace of every S3 response document. */
export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Sends `<Root xmlns=…>…</Root>` with a 200. */
export function sendS3Xml(
  res: ServerResponse,
  root: string,
  body: Record<string, unknown>,
  requestId: string,
  headers: Record<string, string> = {},
): void {
  const xml = xmlDocument({ [root]: { '@_xmlns': S3_XMLNS, ...body } });
  res.writeHead(200, {
    ...headers,
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(xml)),
    'x-amz-request-id': requestId,
  });
  res.end(xml);
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'Part',
});

/** Parses a request document; anything not well-formed is S3's `MalformedXML`. */
export function parseS3Xml(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '' || XMLValidator.validate(text) !== true) throw malformedXml();
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch {
    throw malformedXml();
  }
}

export function malformedXml(): S3Error {
  return new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema.',
  );
}
