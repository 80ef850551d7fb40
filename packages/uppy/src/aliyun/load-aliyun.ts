/**
 * Loads the Alibaba driver and ali-oss, both lazy chunks, so that neither is in the page's first
 * chunk and the first upload waits for neither once the page has preloaded them.
 */
export async function loadAliyun(): Promise<typeof import('./aliyun-driver.js')> {
  const [driver, oss] = await Promise.all([import('./aliyun-driver.js'), import('./oss-protocol.js')]);
  await oss.loadOss();
  return driver;
}
