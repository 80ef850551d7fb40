import type { ObjectStore, PartMeta } from '../store/object-store.js';

/** One page of a multipart upload's parts, with the paging elements of a `<ListPartsResult>`. */
export interface PartsPage {
  PartNumberMarker: number;
  NextPartNumberMarker: number;
  MaxParts: number;
  IsTruncated: boolean;
  /** The `<Part>` elements of this page, by part number. */
  Part: Record<string, unknown>[];
}

/**
 * The parts after `marker`, at most `maxParts` of them, paged the way S3's ListParts is (and COS's and
 * OSS's, which copy it): the next marker is the last part listed, or `marker` on an empty page. Each
 * `<Part>` has S3's four elements and what `partExtra` adds (a cloud's checksums); each API adds its
 * own elements around the page (owner, storage class).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html
 */
export async function listPartsPage(
  store: ObjectStore,
  uploadId: string,
  marker: number,
  maxParts: number,
  partExtra: (part: PartMeta) => Record<string, string | undefined> = () => ({}),
): Promise<PartsPage> {
  const after = (await store.listParts(uploadId)).filter((p) => p.partNumber > marker);
  const parts = after.slice(0, maxParts);
  return {
    PartNumberMarker: marker,
    NextPartNumberMarker: parts.at(-1)?.partNumber ?? marker,
    MaxParts: maxParts,
    IsTruncated: after.length > parts.length,
    Part: parts.map((p) => ({
      PartNumber: p.partNumber,
      LastModified: p.lastModified,
      ETag: p.etag,
      Size: p.size,
      ...partExtra(p),
    })),
  };
}
