import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../../http/api-module.js';
import { VodError } from './vod-error.js';

/** What ApplyUpload (API 3.0 or legacy v2) promised, kept until CommitUpload. */
export interface UploadSession {
  vodSessionKey: string;
  /** Object key of the media in the VOD bucket, without the leading `/`. */
  mediaKey: string;
  coverKey?: string;
  mediaType: string;
  mediaName: string;
  procedure: string;
  classId: number;
  storageRegion: string;
  expireTime?: string;
  sourceContext: string;
  sessionContext: string;
  subAppId: number;
  /** The TempCertificate's SecretId (absent for legacy v2 sessions, which upload with the account key). */
  credentialId?: string;
  legacy: boolean;
  createdAt: number;
  /** Set by CommitUpload: a session commits once. */
  committedFileId?: string;
}

const SESSIONS = 'tencent-upload-sessions';

export function saveSession(ctx: SandboxContext, session: UploadSession): UploadSession {
  return ctx.state.put(SESSIONS, session.vodSessionKey, session);
}

export function findSession(ctx: SandboxContext, vodSessionKey: string): UploadSession | undefined {
  return ctx.state.get<UploadSession>(SESSIONS, vodSessionKey);
}

const MEDIA_DIRS = 'tencent-media-dirs';

/**
 * Checks a `MediaStoragePath` for one ApplyUpload or PullUpload. Its TempCertificate may write the
 * key, so a key inside a directory the sandbox generated for an upload (its media, cover, transcode
 * output and snapshots, legacy v2 paths too) or a key that already holds an object is refused: else
 * one upload's certificate could write over another's files. A path nothing is stored at may be
 * asked for again (a failed import retried, a deleted media uploaded anew).
 */
export async function claimMediaStoragePath(ctx: SandboxContext, key: string): Promise<void> {
  const parents = key.split('/').slice(0, -1);
  const inGenerated = parents.some((_, i) =>
    ctx.state.get<true>(MEDIA_DIRS, parents.slice(0, i + 1).join('/')),
  );
  if (inGenerated || (await ctx.store.hasObject(ctx.descriptor.tencent.bucket, key))) {
    throw new VodError(
      'InvalidParameterValue.MediaStoragePath',
      'MediaStoragePath is already used by another upload or media.',
    );
  }
}

const V2_PATHS = 'tencent-v2-storage-paths';

/** Records a legacy v2 session's storage paths, the only keys COS takes its account key for. */
export function saveV2Paths(ctx: SandboxContext, session: UploadSession): void {
  for (const key of [session.mediaKey, session.coverKey]) {
    if (key) ctx.state.put(V2_PATHS, key, session.vodSessionKey);
  }
}

/** The uncommitted legacy v2 session whose storage path `key` is, if any. */
export function findV2SessionOfPath(ctx: SandboxContext, key: string): UploadSession | undefined {
  const vodSessionKey = ctx.state.get<string>(V2_PATHS, key);
  const session = vodSessionKey === undefined ? undefined : findSession(ctx, vodSessionKey);
  return session?.legacy && !session.committedFileId ? session : undefined;
}

/**
 * Storage paths shaped like VOD's (`/<hash>vodgzp<appId>/<fileHash>/f0.mp4`). Both keys live under one
 * random directory so that a credential scoped to them cannot reach another session's files.
 */
export function newStoragePaths(ctx: SandboxContext, mediaType: string, coverType?: string) {
  const dir = `${randomBytes(4).toString('hex')}vodgzp${ctx.descriptor.tencent.appId}/${randomBytes(14).toString('hex')}`;
  // Every key under it is this upload's: no MediaStoragePath may name one (claimMediaStoragePath).
  ctx.state.put(MEDIA_DIRS, dir, true);
  return {
    mediaKey: `${dir}/f0.${mediaType}`,
    coverKey: coverType ? `${dir}/cover_${randomBytes(4).toString('hex')}.${coverType}` : undefined,
  };
}

/** An opaque session key (VOD's are long opaque strings too). */
export function newVodSessionKey(): string {
  return randomBytes(36).toString('base64url');
}
