import {
  configFromEnv,
  configFromSandboxDescriptor,
  createVodHandler,
  refuse,
  type VodHandler,
} from '@vod-uploader/server';

let handler: Promise<VodHandler> | undefined;

/**
 * The credential endpoint, made on the first request (not at build time, when no sandbox runs).
 * SANDBOX_URL=http://127.0.0.1:8787 uses the local sandbox (anyone may upload); without it the real
 * clouds from the usual environment variables, behind your own `authorize`.
 */
export function vodHandler(request: Request): Promise<Response> {
  handler ??= createHandler();
  return handler.then((handle) => handle(request));
}

async function createHandler(): Promise<VodHandler> {
  const sandboxUrl = process.env.SANDBOX_URL;
  // REDIS_URL=redis://…: several instances share one Redis (onUploaded once, import dedup, rate limits).
  const { store, ...fromEnv } = configFromEnv(process.env);
  const clouds = sandboxUrl
    ? configFromSandboxDescriptor(await (await fetch(`${sandboxUrl}/_sandbox/descriptor`)).json())
    : fromEnv;
  return createVodHandler({
    ...clouds,
    ...(store ? { store } : {}),
    ...(sandboxUrl
      ? { allowAnyone: true as const }
      : // Replace with your session lookup: return the user ({ id, ... }) or refuse.
        { authorize: async () => refuse('unauthorized') }),
    onUploaded: ({ provider, mediaId, caller }) => console.log('uploaded', provider, mediaId, caller.id),
  });
}
