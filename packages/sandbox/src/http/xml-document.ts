import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({ ignoreAttributes: false, format: false });

/**
 * `{ Root: {...} }` as an XML document, after the declaration line COS, OSS and S3 send; arrays become
 * repeated elements, `@_name` keys attributes. One builder for the three XML APIs, so they escape alike.
 */
export function xmlDocument(body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(body)}`;
}
