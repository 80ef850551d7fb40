/**
 * The `code` of what `run` throws, or `undefined` when it returns: unit tests assert the typed code
 * (the sandbox's cloud codes, the server's `VodUploadError` codes), not the message meant for people.
 * Shared by the packages' unit tests, as `cos-credentials-of.ts` is, so each does not keep its own copy.
 */
export function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}
