/** A response header from an SDK's header bag, whatever the case of its names. */
export function headerOf(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
