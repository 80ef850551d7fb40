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

/** The routes read with GET and an id after their path (`…/:id`); the contract's others are POSTs. */
const GET_ROUTES: ReadonlyArray<[string, ServerRouteName]> = [
  [`${SERVER_ROUTES.tencentTask}/`, 'tencentTask'],
  [`${SERVER_ROUTES.aliyunUrlImportStatus}/`, 'aliyunUrlImportStatus'],
];

/** Every other route of the contract, by path: derived, so the POST list cannot drift from the contract. */
const POST_ROUTES = new Map<string, ServerRouteName>(
  (Object.keys(SERVER_ROUTES) as ServerRouteName[])
    .filter((name) => !GET_ROUTES.some(([, getName]) => getName === name))
    .map((name) => [SERVER_ROUTES[name], name]),
);

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
