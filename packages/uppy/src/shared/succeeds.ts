/**
 * Runs a best-effort cleanup call (AbortMultipartUpload, DeleteObject) and resolves whether it
 * succeeded, never rejecting: the cleanup follows a failure or a cancel, and its own error must not
 * replace the one the user is shown. Every provider's protocol cleans up this way, so it lives here once.
 */
export async function succeeds(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch {
    return false;
  }
}
