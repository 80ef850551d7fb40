/** Drops `undefined` values, so the SDKs never send an empty parameter. */
export function compact<T extends Record<string, unknown>>(
  params: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}
