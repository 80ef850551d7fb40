import { ENDPOINT_ROUTES } from '@vod-uploader/core';

/** Every route of the endpoint, by name: exactly the shared contract. */
export const SERVER_ROUTES = ENDPOINT_ROUTES;

/** Name of one route (`tencentApplyUpload`, `s3Sign`, …), as passed to `rateLimit`. */
export type ServerRouteName = keyof typeof SERVER_ROUTES;

/** A matched route: its name and the id at the end of a `…/:id` path. */
export interface RouteMatch {
  name: ServerRouteName;
  id?: string;
}

const POST_ROUTES = new Map<string, ServerRouteName>([
  [SERVER_ROUTES.tencentApplyUpload, 'tencentApplyUpload'],
  [SERVER_ROUTES.tencentCommitUpload, 'tencentCommitUpload'],
  [SERVER_ROUTES.tencentPullUpload, 'tencentPullUpload'],
  [SERVER_ROUTES.tencentV2SignCos, 'tencentV2SignCos'],
  [SERVER_ROUTES.aliyunCreateUploadVideo, 'aliyunCreateUploadVideo'],
  [SERVER_ROUTES.aliyunRefreshUploadVideo, 'aliyunRefreshUploadVideo'],
  [SERVER_ROUTES.aliyunCreateUploadImage, 'aliyunCreateUploadImage'],
  [SERVER_ROUTES.aliyunUrlImport, 'aliyunUrlImport'],
  [SERVER_ROUTES.aliyunComplete, 'aliyunComplete'],
  [SERVER_ROUTES.s3Sign, 's3Sign'],
  [SERVER_ROUTES.s3Complete, 's3Complete'],
]);

const GET_ROUTES: ReadonlyArray<[string, ServerRouteName]> = [
  [`${SERVER_ROUTES.tencentTask}/`, 'tencentTask'],
  [`${SERVER_ROUTES.aliyunUrlImportStatus}/`, 'aliyunUrlImportStatus'],
];

/** Finds the route of a method and a path relative to the base path; undefined when none. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  if (method === 'POST') {
    const name = POST_ROUTES.get(path);
    return name ? { name } : undefined;
  }
  if (method === 'GET') {
    for (const [prefix, name] of GET_ROUTES) {
      if (!path.startsWith(prefix)) continue;
      const id = path.slice(prefix.length);
      // One path segment only: ids never contain '/', and anything else is not ours.
      return id && !id.includes('/') ? { name, id: safeDecode(id) } : undefined;
    }
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
