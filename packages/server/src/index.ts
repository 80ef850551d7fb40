export type { AliyunAction, AliyunCloud, AliyunResult } from './aliyun/aliyun-cloud.js';
export { createAliyunCloud } from './aliyun/aliyun-cloud.js';
export type { AliyunConfig } from './aliyun/aliyun-config.js';
export { CloudCallError } from './cloud/cloud-call-error.js';
export { mapCloudError } from './cloud/map-cloud-error.js';
export type { Caller } from './config/caller.js';
export { configFromEnv, type ProviderConfigs } from './config/config-from-env.js';
export {
  configFromSandboxDescriptor,
  type SandboxDescriptorLike,
} from './config/config-from-sandbox-descriptor.js';
export type {
  AuthorizeFn,
  AuthRefusal,
  ClientSettableField,
  CloudLayers,
  CorsOptions,
  RateLimitFn,
  RateLimitOptions,
  TicketOptions,
  UploadedEvent,
  UploadPolicy,
  VodHandlerConfig,
} from './config/vod-handler-config.js';
export { createVodHandler, type VodHandler } from './http/create-vod-handler.js';
export { MAX_BODY_BYTES } from './http/read-json-body.js';
export { refuse } from './http/refuse.js';
export { SERVER_ROUTES, type ServerRouteName } from './http/server-routes.js';
export { type ExpressMiddleware, toExpressMiddleware } from './http/to-express-middleware.js';
export { type NodeRequestListener, toNodeHandler } from './http/to-node-handler.js';
export {
  type AliyunCallbackReceiverOptions,
  createAliyunCallbackReceiver,
} from './media-events/aliyun-callback-receiver.js';
export type { MediaEvent, MediaEventSource, OnMediaEventFn } from './media-events/media-event.js';
export type { MediaEventSourceOptions } from './media-events/media-event-runtime.js';
export {
  startTencentEventPoller,
  TENCENT_POLLER_LEASE,
  type TencentEventPoller,
  type TencentEventPollerOptions,
} from './media-events/tencent-event-poller.js';
export { createTencentPushReceiver } from './media-events/tencent-push-receiver.js';
export {
  createMediaVerifier,
  type UploadedMediaClaim,
  type VerifiedMedia,
} from './ownership/media-verifier.js';
export { DEFAULT_TICKET_TTL_SECONDS } from './ownership/upload-tickets.js';
export { DEFAULT_IMAGE_EXTENSIONS, DEFAULT_MEDIA_EXTENSIONS } from './policy/media-extensions.js';
export type { ResolveHostFn, UrlImportPolicy } from './policy/url-import-guard.js';
export type {
  ApplyUploadFields,
  ApplyUploadV2Fields,
  CreateUploadImageFields,
  CreateUploadVideoFields,
  PrepareUploadFn,
  PrepareUploadInput,
  PrepareUploadResult,
  PrepareUploadV2Input,
  PullUploadFields,
  SeedAction,
  SeedFields,
  UploadMediaByURLFields,
} from './prepare-upload/prepare-upload.js';
export { MemoryRateLimitStore } from './rate-limit/memory-rate-limit-store.js';
export type { RateLimitStore } from './rate-limit/rate-limit-store.js';
export type { S3Cloud, S3ObjectInfo } from './s3/s3-cloud.js';
export { createS3Cloud } from './s3/s3-cloud.js';
export type { S3Config } from './s3/s3-config.js';
export type { S3Operation } from './s3/s3-operation.js';
export { holdLease, type Lease, type LeaseOptions } from './store/lease.js';
export { MemorySharedStore } from './store/memory-shared-store.js';
export {
  createRedisSharedStore,
  type RedisCommander,
  RedisSharedStore,
  type RedisSharedStoreOptions,
} from './store/redis-shared-store.js';
export type { SharedStore } from './store/shared-store.js';
export type { TencentAction, TencentCloud, TencentResult } from './tencent/tencent-cloud.js';
export { createTencentCloud } from './tencent/tencent-cloud.js';
export type { TencentConfig } from './tencent/tencent-config.js';
