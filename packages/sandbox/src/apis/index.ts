import type { ApiModule } from '../http/api-module.js';
import { adminApi } from './admin.js';
import { aliyunVodApi } from './aliyun-vod/aliyun-vod-api.js';
import { cosApi } from './cos/cos-api.js';
import { ossApi } from './oss/oss-api.js';
import { s3Api } from './s3/s3-api.js';
import { tencentVodV2Api } from './tencent-vod/v2/v2-api.js';
import { tencentVodApi } from './tencent-vod/vod-api.js';

/**
 * Every emulated API, in the order the router asks them. Control APIs come before the object stores,
 * which claim requests by bucket name (path-style `/<bucket>/<key>`).
 */
export const apiModules: ApiModule[] = [
  adminApi,
  tencentVodV2Api,
  tencentVodApi,
  aliyunVodApi,
  cosApi,
  s3Api,
  ossApi,
];
