/**
 * Loads the Tencent driver and cos-js-sdk-v5, both lazy chunks, so that neither is in the page's
 * first chunk and the first upload waits for neither once the page has preloaded them.
 */
export async function loadTencent(): Promise<typeof import('./tencent-driver.js')> {
  const [driver, cos] = await Promise.all([import('./tencent-driver.js'), import('./cos-protocol.js')]);
  await cos.loadCos();
  return driver;
}
