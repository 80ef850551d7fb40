import { createHash, type Hash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { finished, PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AdditionalChecksumName } from './additional-checksum.js';
import { checksumHasher, combinedCrc64, compositeChecksum, type StoredChecksums } from './checksums.js';
import { KeyLock } from './key-lock.js';

/** Metadata kept beside every stored object. */
export interface ObjectMeta {
  bucket: string;
  key: string;
  size: number;
  /** Quoted, as the clouds send it: `"<md5 hex>"` or `"<md5 of md5s>-<parts>"`. */
  etag: string;
  /** Computed when first asked for (`describe`); a completed multipart object has none until then. */
  sha256?: string;
  contentType: string;
  lastModified: string;
  /** Extra headers to replay on GET/HEAD (e.g. `x-cos-meta-*`). */
  userMeta: Record<string, string>;
  /**
   * A completed multipart object keeps its parts as they were uploaded (moved, not copied) in the
   * folder `segmentDir` beside the metadata; reads join them. Absent for objects stored whole.
   */
  segmentDir?: string;
  segments?: { file: string; size: number }[];
  /** CRC-64/XZ (decimal), of the bytes stored whole, or combined from the parts' on complete. */
  crc64?: string;
  /** Completed from an upload with a checksum algorithm: S3's composite `<digest of digests>-<parts>`. */
  checksum?: string;
}

export interface PartMeta extends StoredChecksums {
  partNumber: number;
  etag: string;
  size: number;
  lastModified: string;
}

/** Faults the store applies to a write, for tests of the clients' integrity checks. */
export interface WriteFaults {
  /**
   * Corrupt the bytes on disk after the write was answered ("at rest"): the returned meta describes
   * the received bytes, while what is stored, listed and completed from then on describes the stored ones.
   */
  corruptAtRest?: boolean;
}

export interface MultipartUploadMeta {
  uploadId: string;
  bucket: string;
  key: string;
  contentType: string;
  initiated: string;
  userMeta: Record<string, string>;
  /**
   * S3's `x-amz-checksum-algorithm` at CreateMultipartUpload, for a composite checksum: each part keeps
   * its checksum of this algorithm (`PartMeta.checksum`), and the object the composite one.
   */
  checksumAlgorithm?: AdditionalChecksumName;
}

/** Error codes shared by S3, COS and OSS; each cloud module renders them in its own XML. */
export type StoreErrorCode =
  | 'NoSuchKey'
  | 'NoSuchUpload'
  | 'InvalidPart'
  | 'InvalidPartOrder'
  | 'EntityTooSmall'
  | 'InvalidArgument'
  | 'InvalidRange'
  /** The disk is full (`ENOSPC`) or failed: S3, COS and OSS all answer 500 `InternalError`. */
  | 'InternalError';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * A write that must not replace an object (S3's `If-None-Match: *`, COS's and OSS's
 * `x-cos-forbid-overwrite` / `x-oss-forbid-overwrite: true`). The clouds decide it when the write
 * completes, first to finish wins: so does the store, under the key's commit lock, and a write that
 * finds an object there stores nothing and throws `refuseIfExists()`, the API's own refusal (S3 412
 * `PreconditionFailed`, COS and OSS 409 `FileAlreadyExists`). An API also asks before reading a body
 * (`hasObject`), as the clouds refuse at once when the object already exists.
 */
export interface WriteCondition {
  refuseIfExists?: () => Error;
}

export interface CompletePart {
  partNumber: number;
  etag: string;
}

/** Hooks for fault injection. */
export interface ObjectStoreHooks {
  /**
   * Asked before each body is written; true makes the write fail with `ENOSPC` after its first
   * chunk reached the disk (a disk that fills up mid-write).
   */
  diskFull?: () => boolean;
  /** Told after each object is stored whole (a put, or a completed multipart upload). */
  stored?: (meta: ObjectMeta) => void;
}

/**
 * Objects and multipart uploads on disk. Bodies are always streamed (never held whole in memory),
 * so a 1 GiB upload costs a few buffers of RAM. Everything survives a restart: the directory is the state.
 * Every write goes to a temporary file renamed into place once complete, metadata included, so a
 * failed write (a full disk, a client gone) leaves nothing behind. The renames that commit, replace
 * or delete an object run under that key's lock (`commits`), one at a time, so a conditional write
 * ({@link WriteCondition}) is decided against what the key holds when it commits. One store (one
 * sandbox process) per data directory.
 */
export class ObjectStore {
  /** CompleteMultipartUpload calls in flight, by upload id: a concurrent one shares the answer. */
  private readonly completing = new Map<string, Promise<ObjectMeta>>();
  /** Taken by object path around each commit, replacement or deletion of the object there. */
  private readonly commits = new KeyLock();

  constructor(
    private readonly root: string,
    private readonly hooks: ObjectStoreHooks = {},
  ) {}

  /** Streams `body` into `file`; on any failure the file is removed and a full disk is `InternalError`. */
  private async writeBody(body: Readable, file: string): Promise<void> {
    const stages: NodeJS.ReadWriteStream[] = this.hooks.diskFull?.() ? [failAfterFirstChunk()] : [];
    // The body is piped into a stage the pipeline may destroy, not handed to it: when the disk fails,
    // destroying the request body would close the socket and the client would get no answer at all.
    const input = new PassThrough();
    // finished() also reports a body that failed before this point (a digest check at its end), and
    // stays listening, so a client that goes away later is no longer anyone's unhandled error.
    finished(body, (error) => {
      if (error) input.destroy(error);
    });
    body.pipe(input);
    try {
      await pipeline([input, ...stages, createWriteStream(file)]);
    } catch (error) {
      body.unpipe(input);
      // Read the rest of the body into nothing, so the error answer can follow it on the connection.
      if (!body.destroyed) body.resume();
      await rm(file, { force: true });
      throw storageError(error);
    }
  }

  /**
   * {@link writeBody}, measuring the bytes as they pass: their size, the MD5 ETag (quoted, as the
   * clouds send it) and the checksums every object and part keeps (with an upload's `additional`
   * algorithm); `sha256` is fed too when given.
   */
  private async writeMeasured(
    body: Readable,
    file: string,
    options: { sha256?: Hash; additional?: AdditionalChecksumName } = {},
  ): Promise<{ size: number; etag: string; checksums: StoredChecksums }> {
    const { sha256 } = options;
    const md5 = createHash('md5');
    const sums = await checksumHasher(options.additional);
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      md5.update(chunk);
      sha256?.update(chunk);
      sums.update(chunk);
      size += chunk.length;
    });
    await this.writeBody(body, file);
    return { size, etag: `"${md5.digest('hex')}"`, checksums: sums.digest() };
  }

  /** Writes a small file through a temporary name; returns the temporary path to rename later. */
  private async stage(path: string, text: string): Promise<string> {
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, text);
    } catch (error) {
      await rm(tmp, { force: true });
      throw storageError(error);
    }
    return tmp;
  }

  private objectPath(bucket: string, key: string): string {
    return join(this.root, 'objects', bucket, hashName(key));
  }

  private uploadDir(uploadId: string): string {
    if (!/^[A-Za-z0-9]+$/.test(uploadId))
      throw new StoreError('NoSuchUpload', 'The specified upload does not exist.');
    return join(this.root, 'multipart', uploadId);
  }

  async putObject(
    bucket: string,
    key: string,
    body: Readable,
    options: { contentType?: string; userMeta?: Record<string, string> } & WriteCondition = {},
  ): Promise<ObjectMeta> {
    const path = this.objectPath(bucket, key);
    await mkdir(join(this.root, 'objects', bucket), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const sha = createHash('sha256');
    const { size, etag, checksums } = await this.writeMeasured(body, tmp, { sha256: sha });
    const meta: ObjectMeta = {
      bucket,
      key,
      size,
      etag,
      sha256: sha.digest('hex'),
      contentType: options.contentType || 'application/octet-stream',
      lastModified: new Date().toUTCString(),
      userMeta: options.userMeta ?? {},
      ...checksums,
    };
    const metaTmp = await this.stage(`${path}.json`, JSON.stringify(meta)).catch(async (error: unknown) => {
      await rm(tmp, { force: true });
      throw error;
    });
    await this.commits.run(path, async () => {
      const previous = await this.headObject(bucket, key).catch(() => undefined);
      if (previous && options.refuseIfExists) {
        await rm(tmp, { force: true });
        await rm(metaTmp, { force: true });
        throw options.refuseIfExists();
      }
      await rename(tmp, path);
      await rename(metaTmp, `${path}.json`);
      await this.dropSegments(bucket, previous);
    });
    this.hooks.stored?.(meta);
    return meta;
  }

  private async writeMeta(path: string, meta: ObjectMeta): Promise<void> {
    await rename(await this.stage(`${path}.json`, JSON.stringify(meta)), `${path}.json`);
  }

  private async dropSegments(bucket: string, meta: ObjectMeta | undefined): Promise<void> {
    if (meta?.segmentDir) {
      await rm(join(this.root, 'objects', bucket, meta.segmentDir), { recursive: true, force: true });
    }
  }

  async headObject(bucket: string, key: string): Promise<ObjectMeta> {
    try {
      return JSON.parse(await readFile(`${this.objectPath(bucket, key)}.json`, 'utf8')) as ObjectMeta;
    } catch {
      throw new StoreError('NoSuchKey', 'The specified key does not exist.');
    }
  }

  async hasObject(bucket: string, key: string): Promise<boolean> {
    return this.headObject(bucket, key).then(
      () => true,
      () => false,
    );
  }

  /** Opens a read stream, optionally for an inclusive byte range. */
  async getObject(
    bucket: string,
    key: string,
    range?: { start: number; end: number },
  ): Promise<{ meta: ObjectMeta; body: Readable }> {
    const meta = await this.headObject(bucket, key);
    if (!meta.segments || !meta.segmentDir) {
      return { meta, body: createReadStream(this.objectPath(bucket, key), range ?? {}) };
    }
    const dir = join(this.root, 'objects', bucket, meta.segmentDir);
    const segments = meta.segments;
    const start = range?.start ?? 0;
    const end = range?.end ?? meta.size - 1;
    async function* joined(): AsyncGenerator<Buffer> {
      let offset = 0;
      for (const segment of segments) {
        const from = Math.max(start - offset, 0);
        const to = Math.min(end - offset, segment.size - 1);
        if (from <= to) {
          for await (const chunk of createReadStream(join(dir, segment.file), { start: from, end: to })) {
            yield chunk as Buffer;
          }
        }
        offset += segment.size;
        if (offset > end) return;
      }
    }
    return { meta, body: Readable.from(joined()) };
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const path = this.objectPath(bucket, key);
    await this.commits.run(path, async () => {
      await this.dropSegments(bucket, await this.headObject(bucket, key).catch(() => undefined));
      await rm(path, { force: true });
      await rm(`${path}.json`, { force: true });
    });
  }

  async initiateMultipart(
    bucket: string,
    key: string,
    options: {
      contentType?: string;
      userMeta?: Record<string, string>;
      checksumAlgorithm?: AdditionalChecksumName;
    } = {},
  ): Promise<MultipartUploadMeta> {
    const uploadId = randomBytes(16).toString('hex');
    const dir = this.uploadDir(uploadId);
    await mkdir(join(dir, 'parts'), { recursive: true });
    const meta: MultipartUploadMeta = {
      uploadId,
      bucket,
      key,
      contentType: options.contentType || 'application/octet-stream',
      initiated: new Date().toISOString(),
      userMeta: options.userMeta ?? {},
      ...(options.checksumAlgorithm ? { checksumAlgorithm: options.checksumAlgorithm } : {}),
    };
    await writeFile(join(dir, 'upload.json'), JSON.stringify(meta));
    return meta;
  }

  async getMultipart(uploadId: string): Promise<MultipartUploadMeta> {
    try {
      return JSON.parse(
        await readFile(join(this.uploadDir(uploadId), 'upload.json'), 'utf8'),
      ) as MultipartUploadMeta;
    } catch {
      throw new StoreError('NoSuchUpload', 'The specified upload does not exist.');
    }
  }

  async uploadPart(
    uploadId: string,
    partNumber: number,
    body: Readable,
    faults: WriteFaults = {},
  ): Promise<PartMeta> {
    const { checksumAlgorithm } = await this.getMultipart(uploadId);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
      throw new StoreError(
        'InvalidArgument',
        'Part number must be an integer between 1 and 10000, inclusive.',
      );
    }
    const dir = join(this.uploadDir(uploadId), 'parts');
    const tmp = join(dir, `${partNumber}.${randomBytes(6).toString('hex')}.tmp`);
    const { size, etag, checksums } = await this.writeMeasured(body, tmp, { additional: checksumAlgorithm });
    const part: PartMeta = { partNumber, etag, size, lastModified: new Date().toISOString(), ...checksums };
    const partTmp = await this.stage(join(dir, `${partNumber}.json`), JSON.stringify(part)).catch(
      async (error: unknown) => {
        await rm(tmp, { force: true });
        throw error;
      },
    );
    await rename(tmp, join(dir, `${partNumber}.bin`));
    if (faults.corruptAtRest) {
      // The answer describes the bytes received; the stored copy (and what ListParts says) changes.
      await writeFile(partTmp, JSON.stringify(await this.corruptPart(dir, part, checksumAlgorithm)));
    }
    await rename(partTmp, join(dir, `${partNumber}.json`));
    return part;
  }

  /** Flips one byte of a stored part and describes what is stored now (ETag and checksums). */
  private async corruptPart(
    dir: string,
    part: PartMeta,
    additional: AdditionalChecksumName | undefined,
  ): Promise<PartMeta> {
    const path = join(dir, `${part.partNumber}.bin`);
    await flipByte(path, Math.floor(part.size / 2));
    const md5 = createHash('md5');
    const sums = await checksumHasher(additional);
    for await (const chunk of createReadStream(path)) {
      md5.update(chunk as Buffer);
      sums.update(chunk as Buffer);
    }
    return { ...part, etag: `"${md5.digest('hex')}"`, ...sums.digest() };
  }

  async listParts(uploadId: string): Promise<PartMeta[]> {
    await this.getMultipart(uploadId);
    const dir = join(this.uploadDir(uploadId), 'parts');
    const names = (await readdir(dir)).filter((n) => /^\d+\.json$/.test(n));
    const parts = await Promise.all(
      names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as PartMeta),
    );
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async listMultipartUploads(bucket: string): Promise<MultipartUploadMeta[]> {
    let ids: string[];
    try {
      ids = await readdir(join(this.root, 'multipart'));
    } catch {
      return [];
    }
    const uploads = await Promise.all(ids.map((id) => this.getMultipart(id).catch(() => undefined)));
    return uploads
      .filter((u): u is MultipartUploadMeta => u !== undefined && u.bucket === bucket)
      .sort((a, b) => a.key.localeCompare(b.key) || a.initiated.localeCompare(b.initiated));
  }

  async abortMultipart(uploadId: string): Promise<void> {
    await this.getMultipart(uploadId);
    await rm(this.uploadDir(uploadId), { recursive: true, force: true });
  }

  /**
   * Joins the listed parts into the object, checking what the clouds check: ascending part numbers,
   * ETags that match the stored parts, and every part but the last at least `minPartSize` bytes.
   * A refused {@link WriteCondition} leaves the upload as it was, its parts in place.
   */
  async completeMultipart(
    uploadId: string,
    parts: CompletePart[],
    minPartSize: number,
    options: { corruptObject?: boolean } & WriteCondition = {},
  ): Promise<ObjectMeta> {
    // Concurrent completes of one upload share the first one's answer (the same ETag, or its error);
    // one that comes after it finds no upload (`NoSuchUpload`), as on the clouds.
    const running = this.completing.get(uploadId);
    if (running) return running;
    const completing = this.joinParts(uploadId, parts, minPartSize, options);
    this.completing.set(uploadId, completing);
    try {
      const meta = await completing;
      this.hooks.stored?.(meta);
      return meta;
    } finally {
      this.completing.delete(uploadId);
    }
  }

  private async joinParts(
    uploadId: string,
    parts: CompletePart[],
    minPartSize: number,
    options: { corruptObject?: boolean } & WriteCondition,
  ): Promise<ObjectMeta> {
    const upload = await this.getMultipart(uploadId);
    if (parts.length === 0) throw new StoreError('InvalidPart', 'You must specify at least one part.');
    const stored = new Map((await this.listParts(uploadId)).map((p) => [p.partNumber, p]));
    let previous = 0;
    const chosen: PartMeta[] = [];
    for (const part of parts) {
      if (part.partNumber <= previous) {
        throw new StoreError('InvalidPartOrder', 'The list of parts was not in ascending order.');
      }
      previous = part.partNumber;
      const have = stored.get(part.partNumber);
      if (!have || unquote(have.etag) !== unquote(part.etag)) {
        throw new StoreError(
          'InvalidPart',
          `One or more of the specified parts could not be found or ETag mismatch (part ${part.partNumber}).`,
        );
      }
      chosen.push(have);
    }
    chosen.forEach((p, i) => {
      if (i < chosen.length - 1 && p.size < minPartSize) {
        throw new StoreError(
          'EntityTooSmall',
          `Your proposed upload is smaller than the minimum allowed size (part ${p.partNumber}).`,
        );
      }
    });
    const dir = join(this.uploadDir(uploadId), 'parts');
    // "Corrupted after the last part": one byte of the joined object changes before its checksum is taken.
    if (options.corruptObject && chosen[0]) {
      chosen[0] = await this.corruptPart(dir, chosen[0], upload.checksumAlgorithm);
    }
    const combined = Buffer.concat(chosen.map((p) => Buffer.from(unquote(p.etag), 'hex')));
    const etag = `"${createHash('md5').update(combined).digest('hex')}-${chosen.length}"`;
    // The parts become the object by a rename (same disk): completing costs no copy of the bytes,
    // as on the clouds, where CompleteMultipartUpload takes milliseconds, not a re-upload.
    const path = this.objectPath(upload.bucket, upload.key);
    const segmentDir = `${basename(path)}.${randomBytes(6).toString('hex')}.parts`;
    const meta: ObjectMeta = {
      bucket: upload.bucket,
      key: upload.key,
      size: chosen.reduce((sum, p) => sum + p.size, 0),
      etag,
      contentType: upload.contentType,
      lastModified: new Date().toUTCString(),
      userMeta: upload.userMeta,
      segmentDir,
      segments: chosen.map((p) => ({ file: `${p.partNumber}.bin`, size: p.size })),
      ...(chosen.every((p) => p.crc64 !== undefined) ? { crc64: combinedCrc64(chosen) } : {}),
      ...(await compositeOf(upload.checksumAlgorithm, chosen)),
    };
    // The metadata is written first (the only step that needs space), then everything is renames.
    await mkdir(join(this.root, 'objects', upload.bucket), { recursive: true });
    const metaTmp = await this.stage(`${path}.json`, JSON.stringify(meta));
    await this.commits.run(path, async () => {
      const replaced = await this.headObject(upload.bucket, upload.key).catch(() => undefined);
      if (replaced && options.refuseIfExists) {
        await rm(metaTmp, { force: true });
        throw options.refuseIfExists();
      }
      await mkdir(join(this.root, 'objects', upload.bucket, segmentDir), { recursive: true });
      for (const p of chosen) {
        await rename(
          join(dir, `${p.partNumber}.bin`),
          join(this.root, 'objects', upload.bucket, segmentDir, `${p.partNumber}.bin`),
        );
      }
      await rename(metaTmp, `${path}.json`);
      await rm(path, { force: true });
      await this.dropSegments(upload.bucket, replaced);
    });
    await rm(this.uploadDir(uploadId), { recursive: true, force: true });
    return meta;
  }

  /** Size and sha256 of a stored object, for tests and the admin route (hashed once, then kept). */
  async describe(bucket: string, key: string): Promise<{ size: number; sha256: string } | undefined> {
    const meta = await this.headObject(bucket, key).catch(() => undefined);
    if (!meta) return undefined;
    if (meta.sha256 === undefined) {
      const sha = createHash('sha256');
      const { body } = await this.getObject(bucket, key);
      for await (const chunk of body) sha.update(chunk as Buffer);
      meta.sha256 = sha.digest('hex');
      await this.writeMeta(this.objectPath(bucket, key), meta);
    }
    return { size: meta.size, sha256: meta.sha256 };
  }
}

/** The completed object's composite checksum, when the upload had an algorithm and every part its checksum. */
async function compositeOf(
  algorithm: AdditionalChecksumName | undefined,
  parts: PartMeta[],
): Promise<{ checksum?: string }> {
  const checksums = parts.map((p) => p.checksum);
  if (!algorithm || !checksums.every((c) => c !== undefined)) return {};
  return { checksum: await compositeChecksum(algorithm, checksums) };
}

/** A full disk becomes the clouds' `InternalError`; other failures (a client gone) pass unchanged. */
function storageError(error: unknown): unknown {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ENOSPC') return error;
  return new StoreError('InternalError', 'We encountered an internal error. Please try again.');
}

/** `diskFull`: lets the first chunk reach the disk, then fails as a full disk does. */
function failAfterFirstChunk(): Transform {
  let passed = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (passed) {
        done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        return;
      }
      passed = true;
      done(null, chunk);
    },
    flush(done) {
      // A body of one chunk fails too: the disk is full before the file is closed.
      done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    },
  });
}

/** Inverts the bits of the byte at `offset` in place. */
async function flipByte(path: string, offset: number): Promise<void> {
  const file = await open(path, 'r+');
  try {
    const byte = Buffer.alloc(1);
    await file.read(byte, 0, 1, offset);
    byte[0] = (byte[0] ?? 0) ^ 0xff;
    await file.write(byte, 0, 1, offset);
  } finally {
    await file.close();
  }
}

function hashName(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function unquote(etag: string): string {
  return etag.replace(/^"|"$/g, '').replace(/^W\//, '');
}
