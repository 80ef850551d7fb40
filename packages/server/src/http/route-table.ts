import type { ProviderKey } from '@vod-uploader/core';
import { aliyunRoutes } from '../aliyun/aliyun-routes.js';
import type { Providers } from '../config/handler-services.js';
import { mediaStatusRoute } from '../media-status/media-status-route.js';
import { sessionCheckRoute } from '../ownership/session-check-route.js';
import { s3Routes } from '../s3/s3-routes.js';
import { tencentRoutes } from '../tencent/tencent-routes.js';
import { tencentV2Routes } from '../tencent/tencent-v2-routes.js';
import type { ProviderRoute, ProviderRoutes, RouteContext } from './route-context.js';
import type { ServerRouteName } from './server-routes.js';

/**
 * Every route, keyed by the provider that serves it: which provider a route belongs to is this
 * table's key, not a prefix of its name.
 */
export const ROUTE_TABLE: { readonly [K in ProviderKey]: ProviderRoutes<NonNullable<Providers[K]>> } = {
  tencent: { ...tencentRoutes, ...tencentV2Routes },
  aliyun: aliyunRoutes,
  s3: s3Routes,
};

/**
 * The routes of the handler as a whole rather than of one provider: each receives every configured
 * provider and picks one from the request (`mediaStatus`, `sessionCheck`: the provider its ticket names).
 */
const HANDLER_ROUTES: Partial<Record<ServerRouteName, ProviderRoute<Providers>>> = {
  mediaStatus: mediaStatusRoute,
  sessionCheck: sessionCheckRoute,
};

const PROVIDER_KEYS = Object.keys(ROUTE_TABLE) as ProviderKey[];

/** A route found in the table, bound to its provider's side (or to every provider's). */
export interface BoundRoute {
  /** The provider that serves the route; undefined for a route of the handler as a whole. */
  provider: ProviderKey | undefined;
  run(context: RouteContext): Promise<unknown>;
}

/** The provider whose table holds `name`, or undefined for a route no provider serves. */
export function providerOfRoute(name: ServerRouteName): ProviderKey | undefined {
  return PROVIDER_KEYS.find((key) => ROUTE_TABLE[key][name] !== undefined);
}

/**
 * The route `name`, bound to its provider's side (a handler route to all of them); undefined when
 * no provider serves it or its provider is not configured (the handler answers 404 then).
 */
export function bindRoute(name: ServerRouteName, providers: Providers): BoundRoute | undefined {
  const handlerRoute = HANDLER_ROUTES[name];
  if (handlerRoute) return { provider: undefined, run: (context) => handlerRoute(context, providers) };
  const provider = providerOfRoute(name);
  return provider && bind(provider, name, providers);
}

function bind<K extends ProviderKey>(
  provider: K,
  name: ServerRouteName,
  providers: Providers,
): BoundRoute | undefined {
  const route: ProviderRoute<NonNullable<Providers[K]>> | undefined = ROUTE_TABLE[provider][name];
  const side = providers[provider];
  if (!route || !side) return undefined;
  return { provider, run: (context) => route(context, side) };
}
