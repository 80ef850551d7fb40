import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Prefix of a sealed caller id, so it can be found beside an app's own `SessionContext`. */
const PREFIX = 'vs1.';
/** Longest caller id that is sealed: the sealed form must fit Tencent's `SourceContext` (250). */
export const MAX_SEALED_CALLER_ID = 140;

/**
 * Seals a caller id into the text an upload carries to the cloud and back (Tencent `SessionContext`
 * and `SourceContext`, read back from the cloud's own answers), so an event about the media names
 * its caller with no state on our side: AES-256-GCM under a key derived from the ticket secrets, so it can be
 * neither read (the id stays private) nor forged (the tag fails) by anyone without them. Every
 * secret opens (rotation), the first seals.
 */
export class CallerSeal {
  private readonly keys: readonly Buffer[];

  constructor(secrets: readonly string[]) {
    this.keys = secrets.map((secret) =>
      createHmac('sha256', secret).update('vod-uploader/caller-seal/v1').digest(),
    );
  }

  /** `vs1.<base64url(iv | ciphertext | tag)>`; throws for an id over 140 characters. */
  seal(callerId: string): string {
    if (callerId.length > MAX_SEALED_CALLER_ID) {
      throw new RangeError(`caller id longer than ${MAX_SEALED_CALLER_ID} characters cannot be sealed`);
    }
    const [sealing] = this.keys;
    if (!sealing) throw new RangeError('a caller seal needs at least one secret');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', sealing, iv);
    const body = Buffer.concat([cipher.update(callerId, 'utf8'), cipher.final()]);
    return `${PREFIX}${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** The caller id sealed at the start of `text` (or anywhere in a word of it), else undefined. */
  open(text: unknown): string | undefined {
    if (typeof text !== 'string') return undefined;
    const match = /(?:^|[\s"])vs1\.([A-Za-z0-9_-]{38,400})/.exec(text);
    if (!match) return undefined;
    const raw = Buffer.from(match[1] ?? '', 'base64url');
    if (raw.length < 29) return undefined;
    const iv = raw.subarray(0, 12);
    const tag = raw.subarray(raw.length - 16);
    const body = raw.subarray(12, raw.length - 16);
    for (const key of this.keys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        // Another key (rotation), or not ours.
      }
    }
    return undefined;
  }
}

/**
 * The cloud field with our seal in front: `<seal>` alone, or `<seal> <app's value>` when the app
 * set one too (its value is kept whole). Undefined when the result would pass `max` characters.
 */
export function withSeal(seal: string, appValue: string | undefined, max: number): string | undefined {
  const value = appValue ? `${seal} ${appValue}` : seal;
  return value.length <= max ? value : undefined;
}
