import { checkTencentV2Code, isTencentV2Result, openTencentResponse } from './decode-tencent-envelope.js';
import { FieldReader } from './field-reader.js';

/** What `CommitUpload` says about the stored media. */
export interface TencentCommitResult {
  /** The media's VOD id (`FileId`). */
  fileId: string;
  mediaUrl: string;
  coverUrl?: string;
  /** Always set for API 3.0; the legacy v2 API sends none. */
  requestId?: string;
}

/**
 * Decodes Tencent VOD `CommitUpload` (API 3.0 `{ Response: { FileId, MediaUrl, CoverUrl?, RequestId } }`,
 * or the legacy v2 `{ code: 0, fileId, video: { url }, cover?: { url } }`).
 *
 * @throws `VodDecodeError` naming the field, or the cloud's refusal for an error result.
 * @see https://cloud.tencent.com/document/api/266/31766 (CommitUpload)
 */
export function decodeTencentCommitUpload(raw: unknown): TencentCommitResult {
  if (isTencentV2Result(raw)) {
    const reader = new FieldReader(raw, 'tencent');
    checkTencentV2Code(reader);
    return withCover(
      { fileId: reader.string('fileId'), mediaUrl: reader.string('video.url') },
      reader.optionalString('cover.url'),
    );
  }
  const reader = openTencentResponse(raw);
  const result = withCover(
    { fileId: reader.string('Response.FileId'), mediaUrl: reader.string('Response.MediaUrl') },
    reader.optionalString('Response.CoverUrl'),
  );
  result.requestId = reader.string('Response.RequestId');
  return result;
}

function withCover(result: TencentCommitResult, coverUrl: string | undefined): TencentCommitResult {
  if (coverUrl !== undefined) result.coverUrl = coverUrl;
  return result;
}
