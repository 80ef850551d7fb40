/**
 * Loads the Alibaba uploader and ali-oss, both lazy chunks, so that neither is in the page's first
 * chunk and the first upload waits for neither once the page has preloaded them.
 */
export async function loadAliyun(): Promise<typeof import('./aliyun-uploader.js')> {
  const [uploader, oss] = await Promise.all([import('./aliyun-uploader.js'), import('./oss-protocol.js')]);
  await oss.loadOss();
  return uploader;
}
