import type { RequestRecord } from '@vod-uploader/sandbox';

/** One line of the sandbox request log: the sandbox's own type. */
export type { RequestRecord };

/** The sandbox's request log (optionally after `since`). */
export async function requestLog(sandboxUrl: string, since = 0): Promise<RequestRecord[]> {
  const response = await fetch(`${sandboxUrl}/_sandbox/log?since=${since}`);
  return ((await response.json()) as { records: RequestRecord[] }).records;
}

/** The size and sha256 the sandbox holds for an object, or undefined. */
export async function storedObject(
  sandboxUrl: string,
  bucket: string,
  key: string,
): Promise<{ size: number; sha256: string } | undefined> {
  const url = `${sandboxUrl}/_sandbox/objects?bucket=${encodeURIComponent(bucket)}&key=${encodeURIComponent(key)}`;
  const response = await fetch(url);
  return response.ok ? ((await response.json()) as { size: number; sha256: string }) : undefined;
}

/** Removes a stored object and its bytes from the sandbox's disk; false when there was none. */
export async function deleteStoredObject(sandboxUrl: string, bucket: string, key: string): Promise<boolean> {
  const url = `${sandboxUrl}/_sandbox/objects?bucket=${encodeURIComponent(bucket)}&key=${encodeURIComponent(key)}`;
  return (await fetch(url, { method: 'DELETE' })).ok;
}

/** Unfinished multipart uploads of a bucket. */
export async function multipartUploads(sandboxUrl: string, bucket: string): Promise<unknown[]> {
  const response = await fetch(`${sandboxUrl}/_sandbox/multipart?bucket=${encodeURIComponent(bucket)}`);
  return ((await response.json()) as { uploads: unknown[] }).uploads;
}

/** Merges a fault plan into the sandbox's. */
export async function setFaults(sandboxUrl: string, plan: Record<string, unknown>): Promise<void> {
  const answer = await fetch(`${sandboxUrl}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(plan),
  });
  // A refused plan (a misspelled fault) must fail the test, not leave it running without the fault.
  if (!answer.ok) throw new Error(`the sandbox refused the fault plan: ${await answer.text()}`);
}

/** Expires every temporary credential the sandbox has handed out. */
export async function expireCredentials(sandboxUrl: string): Promise<void> {
  await fetch(`${sandboxUrl}/_sandbox/expire-credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  });
}

/** The object (bucket, key) the log shows as written last: a PutObject or a completed multipart upload. */
export function lastStoredObject(records: RequestRecord[]): { bucket: string; key: string } | undefined {
  const written = records.filter(
    (r) =>
      (r.action === 'PutObject' || r.action === 'CompleteMultipartUpload') &&
      r.status === 200 &&
      r.bucket &&
      r.key,
  );
  const last = written.at(-1);
  return last ? { bucket: last.bucket as string, key: last.key as string } : undefined;
}

/** Clears the sandbox's fault plan. */
export async function clearFaults(sandboxUrl: string): Promise<void> {
  await fetch(`${sandboxUrl}/_sandbox/faults`, { method: 'DELETE' });
}

/** The last sequence number of the request log (to read only what follows). */
export async function logMark(sandboxUrl: string): Promise<number> {
  return (await requestLog(sandboxUrl)).at(-1)?.seq ?? 0;
}

/** The part number of an UploadPart record (from the record, or its query string). */
export function partNumberOf(record: RequestRecord): number | undefined {
  if (record.partNumber !== undefined) return record.partNumber;
  const query = record.path.split('?')[1] ?? '';
  const value = new URLSearchParams(query).get('partNumber');
  return value === null ? undefined : Number(value);
}

/** Objects written (PutObject or CompleteMultipartUpload answered 200), in order. */
export function storedObjects(records: RequestRecord[]): { bucket: string; key: string }[] {
  return records
    .filter(
      (r) =>
        (r.action === 'PutObject' || r.action === 'CompleteMultipartUpload') &&
        r.status === 200 &&
        r.bucket &&
        r.key,
    )
    .map((r) => ({ bucket: r.bucket as string, key: r.key as string }));
}

/** The sha256 of each object the log shows written after `since`: what a test finds its file's among. */
export async function storedSha256s(sandboxUrl: string, since: number): Promise<Array<string | undefined>> {
  const objects = storedObjects(await requestLog(sandboxUrl, since));
  return Promise.all(objects.map(async (o) => (await storedObject(sandboxUrl, o.bucket, o.key))?.sha256));
}
