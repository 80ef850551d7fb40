import type { ObjectStore } from '../store/object-store.js';

/** The largest `moov` box read to find the duration (bigger ones are not probed). */
const MAX_MOOV_BYTES = 16 * 1024 * 1024;

/**
 * The duration of a stored MP4/MOV in seconds, from its `moov/mvhd` box (timescale and duration),
 * or 0 when the object is not ISO-BMFF or the box cannot be found — the sandbox does not decode
 * streams, it only reads the container's own header, with a few range reads.
 */
export async function mediaDurationSeconds(store: ObjectStore, bucket: string, key: string): Promise<number> {
  try {
    const { size } = await store.headObject(bucket, key);
    let offset = 0;
    while (offset + 8 <= size) {
      const head = await read(store, bucket, key, offset, Math.min(16, size - offset));
      let boxSize = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      let headerSize = 8;
      if (boxSize === 1 && head.length >= 16) {
        boxSize = Number(head.readBigUInt64BE(8));
        headerSize = 16;
      } else if (boxSize === 0) {
        boxSize = size - offset;
      }
      if (boxSize < headerSize) return 0;
      if (type === 'moov') {
        if (boxSize > MAX_MOOV_BYTES) return 0;
        return mvhdDuration(await read(store, bucket, key, offset + headerSize, boxSize - headerSize));
      }
      offset += boxSize;
    }
  } catch {
    return 0;
  }
  return 0;
}

function mvhdDuration(moov: Buffer): number {
  const at = moov.indexOf('mvhd', 0, 'latin1');
  if (at < 4) return 0;
  const version = moov[at + 4];
  const body = at + 8;
  const timescale = version === 1 ? moov.readUInt32BE(body + 16) : moov.readUInt32BE(body + 8);
  const duration = version === 1 ? Number(moov.readBigUInt64BE(body + 20)) : moov.readUInt32BE(body + 12);
  return timescale > 0 ? Math.round((duration / timescale) * 1000) / 1000 : 0;
}

async function read(
  store: ObjectStore,
  bucket: string,
  key: string,
  start: number,
  length: number,
): Promise<Buffer> {
  const { body } = await store.getObject(bucket, key, { start, end: start + length - 1 });
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
