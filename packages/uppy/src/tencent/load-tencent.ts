/**
 * Loads the Tencent uploader and cos-js-sdk-v5, both lazy chunks, so that neither is in the page's
 * first chunk and the first upload waits for neither once the page has preloaded them.
 */
export async function loadTencent(): Promise<typeof import('./tencent-uploader.js')> {
  const [uploader, cos] = await Promise.all([import('./tencent-uploader.js'), import('./cos-protocol.js')]);
  await cos.loadCos();
  return uploader;
}
