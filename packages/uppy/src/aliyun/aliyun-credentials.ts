import { type AliyunUploadTarget, decodeAliyunRefreshUploadVideo, ENDPOINT_ROUTES } from '@vod-uploader/core';
import type { EndpointClient } from '../shared/endpoint-client.js';
import type { OssCredentialSource } from './oss-protocol.js';

/**
 * Refresh this long before `ExpireUTCTime`: longer than the slowest part takes on a poor link, so a
 * part is never signed with a credential that dies while it is in flight.
 */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * The credential of one Alibaba upload target. Video credentials are refreshed through the endpoint's
 * RefreshUploadVideo, before `ExpireUTCTime` (minus {@link REFRESH_MARGIN_MS}) and whenever OSS says
 * `SecurityTokenExpired`/`InvalidAccessKeyId`; the multipart upload continues with the new one. Image
 * credentials cannot be refreshed (the cloud has no such call): as the seed says, CreateUploadImage
 * is called again (`reapply`), which gives a new image (id, key, ticket) for the same bytes; images
 * go up in one PUT, so nothing uploaded under the old key is lost.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-createuploadimage
 */
export class AliyunCredentials implements OssCredentialSource {
  private refreshing: Promise<boolean> | undefined;

  constructor(
    public target: AliyunUploadTarget,
    private readonly client: EndpointClient,
    private readonly onRefreshed: (target: AliyunUploadTarget) => void,
    /** The endpoint's ticket of the target, which RefreshUploadVideo and complete must send. */
    public ticket?: string,
    /** Images: applies for a new image (CreateUploadImage again) when the credential expired. */
    private readonly reapply?: (
      signal?: AbortSignal,
    ) => Promise<{ target: AliyunUploadTarget; ticket: string | undefined }>,
  ) {}

  async fresh(signal?: AbortSignal): Promise<AliyunUploadTarget> {
    if (
      this.target.kind === 'video' &&
      this.target.credential.expiresAt - this.client.now() < REFRESH_MARGIN_MS
    ) {
      await this.refresh(signal);
    }
    return this.target;
  }

  refresh(signal?: AbortSignal): Promise<boolean> {
    if (this.target.kind !== 'video') return this.reapplyImage(signal);
    if (!this.target.videoId) return Promise.resolve(false);
    // One refresh for every part that noticed the expiry at once.
    this.refreshing ??= this.client
      .post(
        ENDPOINT_ROUTES.aliyunRefreshUploadVideo,
        { videoId: this.target.videoId, ...(this.ticket ? { ticket: this.ticket } : {}) },
        signal,
      )
      .then((raw) => {
        this.target = decodeAliyunRefreshUploadVideo(raw, this.target, { now: this.client.now() });
        this.onRefreshed(this.target);
        return true;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  private reapplyImage(signal?: AbortSignal): Promise<boolean> {
    const { reapply } = this;
    if (!reapply) return Promise.resolve(false);
    this.refreshing ??= reapply(signal)
      .then(({ target, ticket }) => {
        this.target = target;
        this.ticket = ticket;
        this.onRefreshed(target);
        return true;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}
