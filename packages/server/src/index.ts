export type { AliyunAction, AliyunCloud, AliyunResult } from './aliyun.js';
export { createAliyunCloud } from './aliyun.js';
export { CloudCallError } from './cloud-call-error.js';
export { configFromEnv, type ProviderConfigs } from './config-from-env.js';
export { configFromSandboxDescriptor, type SandboxDescriptorLike } from './config-from-sandbox-descriptor.js';
export { createVodHandler, type VodHandler } from './create-vod-handler.js';
export { mapCloudError } from './map-cloud-error.js';
export { DEFAULT_IMAGE_EXTENSIONS, DEFAULT_MEDIA_EXTENSIONS } from './media-extensions.js';
export { MemoryRateLimitStore } from './memory-rate-limit-store.js';
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
} from './prepare-upload.js';
export type { RateLimitStore } from './rate-limit-store.js';
export { MAX_BODY_BYTES } from './read-json-body.js';
export { refuse } from './refuse.js';
export type { S3Cloud, S3ObjectInfo, S3Operation } from './s3.js';
export { createS3Cloud } from './s3.js';
export { SERVER_ROUTES, type ServerRouteName } from './server-routes.js';
export { holdLease, type Lease, type LeaseOptions } from './store/lease.js';
export { MemorySharedStore } from './store/memory-shared-store.js';
export {
  createRedisSharedStore,
  type RedisCommander,
  RedisSharedStore,
  type RedisSharedStoreOptions,
} from './store/redis-shared-store.js';
export type { SharedStore } from './store/shared-store.js';
export type { TencentAction, TencentCloud, TencentResult } from './tencent.js';
export { createTencentCloud } from './tencent.js';
export { type ExpressMiddleware, toExpressMiddleware } from './to-express-middleware.js';
export { type NodeRequestListener, toNodeHandler } from './to-node-handler.js';
export { DEFAULT_TICKET_TTL_SECONDS } from './upload-tickets.js';
export type { ResolveHostFn, UrlImportPolicy } from './url-import-guard.js';
export type {
  AliyunConfig,
  AuthorizeFn,
  AuthRefusal,
  Caller,
  ClientSettableField,
  CloudLayers,
  CorsOptions,
  RateLimitFn,
  RateLimitOptions,
  S3Config,
  TencentConfig,
  TicketOptions,
  UploadedEvent,
  UploadPolicy,
  VodHandlerConfig,
} from './vod-handler-config.js';
