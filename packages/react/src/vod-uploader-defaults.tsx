import type { ProviderKey } from '@vod-uploader/core';
import type { VodUploaderOptions } from '@vod-uploader/uppy';
import { createContext, type ReactNode, useContext } from 'react';

/**
 * App-wide defaults for every uploader below a {@link VodUploaderDefaultsProvider}: headers or a
 * token function, the locale, and engine options per provider (e.g. a COS domain). Props win.
 */
export interface VodUploaderDefaults extends Pick<VodUploaderOptions, 'headers' | 'getToken' | 'locale'> {
  pluginOptions?: Partial<Record<ProviderKey, VodUploaderOptions['pluginOptions']>>;
}

const DefaultsContext = createContext<VodUploaderDefaults>({});

/**
 * Sets {@link VodUploaderDefaults} for the uploaders inside it.
 * @example
 * <VodUploaderDefaultsProvider value={{ getToken: () => session.token, locale: 'zh-CN' }}>
 *   <App />
 * </VodUploaderDefaultsProvider>
 */
export function VodUploaderDefaultsProvider({
  value,
  children,
}: {
  value: VodUploaderDefaults;
  children: ReactNode;
}) {
  return <DefaultsContext.Provider value={value}>{children}</DefaultsContext.Provider>;
}

/** The options in effect: the nearest defaults, overridden by the component's own props. */
export function useMergedOptions<
  T extends Pick<VodUploaderOptions, 'provider' | 'headers' | 'getToken' | 'locale' | 'pluginOptions'>,
>(props: T): T {
  const defaults = useContext(DefaultsContext);
  const pluginDefaults = defaults.pluginOptions?.[props.provider];
  return {
    ...props,
    headers: props.headers ?? defaults.headers,
    getToken: props.getToken ?? defaults.getToken,
    locale: props.locale ?? defaults.locale,
    pluginOptions:
      pluginDefaults || props.pluginOptions ? { ...pluginDefaults, ...props.pluginOptions } : undefined,
  };
}
