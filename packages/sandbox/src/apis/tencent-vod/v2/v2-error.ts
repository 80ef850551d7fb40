/**
 * A legacy v2 refusal: `{ code, message, codeDesc }` with HTTP 200. Codes 4000–7000 are the common
 * ones (4000 invalid parameter, 4100 authentication, 4500 replay/expired request, 5100 operation
 * failed), 32001 an internal error.
 * @see https://cloud.tencent.com/document/api/213/6982 (legacy common error codes)
 */
export class V2Error extends Error {
  constructor(
    readonly code: number,
    readonly codeDesc: string,
    message: string,
  ) {
    super(message);
    this.name = 'V2Error';
  }
}
