import { vodError } from '@vod-uploader/core';

/** A COS operation a legacy v2 session may have signed with the account key. */
export type CosV2OperationName =
  | 'PutObject'
  | 'UploadPart'
  | 'InitiateMultipartUpload'
  | 'CompleteMultipartUpload'
  | 'ListParts'
  | 'AbortMultipartUpload'
  | 'HeadObject';

/** What `/tencent/v2/sign-cos` is asked to sign, once classified. */
export interface CosV2Operation {
  name: CosV2OperationName;
  /**
   * Whether the signature could store the object, so it is made only with `x-cos-forbid-overwrite:
   * true`: PutObject and CompleteMultipartUpload, and UploadPart too. COS lower-cases query names
   * when it checks a signature, so a part's signature also verifies on `?PARTNUMBER=1&UPLOADID=…`,
   * which a server reading `partNumber`/`uploadId` as spelled routes as a PutObject.
   */
  storesObject: boolean;
}

/**
 * Each operation by method and the query parameters it carries, spelled exactly as COS documents
 * and cos-js-sdk-v5 sends them (any other name, e.g. `acl`, `tagging`, is another operation).
 * HeadObject reads the session's own path: a no-overwrite PUT that met an object (its own first
 * copy, resent by the browser after the answer was lost) checks that object's CRC64 instead of failing.
 * @see https://cloud.tencent.com/document/product/436/7749 (PutObject), 7746 (InitiateMultipartUpload),
 *   7750 (UploadPart), 7747 (ListParts), 7742 (CompleteMultipartUpload), 7740 (AbortMultipartUpload),
 *   7745 (HeadObject)
 */
const OPERATIONS: ReadonlyArray<{
  name: CosV2OperationName;
  method: string;
  required: readonly QueryName[];
  optional?: readonly QueryName[];
}> = [
  { name: 'PutObject', method: 'PUT', required: [] },
  { name: 'UploadPart', method: 'PUT', required: ['partNumber', 'uploadId'] },
  { name: 'InitiateMultipartUpload', method: 'POST', required: ['uploads'] },
  { name: 'CompleteMultipartUpload', method: 'POST', required: ['uploadId'] },
  {
    name: 'ListParts',
    method: 'GET',
    required: ['uploadId'],
    optional: ['max-parts', 'part-number-marker', 'encoding-type'],
  },
  { name: 'AbortMultipartUpload', method: 'DELETE', required: ['uploadId'] },
  { name: 'HeadObject', method: 'HEAD', required: [] },
];

const STORES_OBJECT = new Set<CosV2OperationName>(['PutObject', 'UploadPart', 'CompleteMultipartUpload']);

/**
 * What each query value must be. A value COS would not take as that parameter is never signed: the
 * signature lists the parameter names (`q-url-param-list`), and a listed parameter the request
 * does not carry counts as empty (the sandbox's reading; COS documents nothing else), so
 * `{ partNumber: '', uploadId: '' }` signed would verify on a request without any query — a
 * PutObject — and `{ uploadId: '' }` on a DELETE of the object.
 * @see https://cloud.tencent.com/document/product/436/7750 (partNumber 1–10000)
 * @see https://cloud.tencent.com/document/product/436/7747 (max-parts ≤ 1000, encoding-type url)
 */
const QUERY_VALUES = {
  partNumber: { pattern: /^(?:[1-9]\d{0,3}|10000)$/, rule: 'an integer from 1 to 10000' },
  // COS's documented upload ids are digits and hex; this also takes S3-style ids (`.`, `_`, `-`).
  uploadId: { pattern: /^[A-Za-z0-9._~-]{1,256}$/, rule: 'a non-empty upload id (letters, digits, ._~-)' },
  uploads: { pattern: /^$/, rule: 'empty, as COS takes ?uploads' },
  'max-parts': { pattern: /^(?:[1-9]\d{0,2}|1000)$/, rule: 'an integer from 1 to 1000' },
  'part-number-marker': { pattern: /^(?:0|[1-9]\d{0,3}|10000)$/, rule: 'an integer from 0 to 10000' },
  'encoding-type': { pattern: /^url$/, rule: '"url"' },
} as const;

type QueryName = keyof typeof QUERY_VALUES;

const QUERY_NAMES = Object.keys(QUERY_VALUES) as QueryName[];

/**
 * Classifies the COS request a v2 session asks to have signed, from its method and its query as it
 * will be sent. Refuses, before anything is signed: a query name in another case than COS's
 * (`PARTNUMBER`, `uploadid`) or a value COS would not read as that parameter (400 `request_invalid`,
 * field `query.<name>`), and a method and query that are no upload operation (403 `forbidden`,
 * field `method`).
 */
export function cosV2OperationOf(method: string, query: Record<string, string>): CosV2Operation {
  const names = Object.keys(query);
  for (const name of names) {
    const spelled = QUERY_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
    if (spelled && spelled !== name) {
      throw invalid(name, `query.${name}: is spelled ${spelled}, as COS reads it`);
    }
  }
  const operation = OPERATIONS.find(
    (op) =>
      op.method === method &&
      op.required.every((name) => names.includes(name)) &&
      names.every((name) => includes(op.required, name) || includes(op.optional, name)),
  );
  if (!operation) {
    throw vodError('forbidden', `${method} with ?${names.join('&')}: is not an upload operation`, {
      provider: 'tencent',
      field: 'method',
    });
  }
  for (const name of names as QueryName[]) {
    const { pattern, rule } = QUERY_VALUES[name];
    if (!pattern.test(query[name] ?? '')) throw invalid(name, `query.${name}: must be ${rule}`);
  }
  return { name: operation.name, storesObject: STORES_OBJECT.has(operation.name) };
}

function includes(names: readonly QueryName[] | undefined, name: string): boolean {
  return names?.includes(name as QueryName) ?? false;
}

function invalid(name: string, message: string) {
  return vodError('request_invalid', message, { provider: 'tencent', field: `query.${name}` });
}
