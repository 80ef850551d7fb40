/** The provider keys, used the same everywhere: folders, plugin ids, routes, error `provider`. */
export type ProviderKey = 'tencent' | 'aliyun' | 's3';

export const PROVIDER_KEYS: readonly ProviderKey[] = ['tencent', 'aliyun', 's3'];

export function isProviderKey(value: unknown): value is ProviderKey {
  return typeof value === 'string' && (PROVIDER_KEYS as readonly string[]).includes(value);
}
