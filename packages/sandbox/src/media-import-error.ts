/** Why a URL import failed, in words the clouds' task APIs can pass on. */
export class MediaImportError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'http_status' | 'not_media' | 'empty' | 'refused' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'MediaImportError';
  }
}
