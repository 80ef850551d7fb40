/** @type {import('next').NextConfig} */
export default {
  // ali-oss's Node build (urllib, proxy-agent) must not be bundled for server rendering: the uploader
  // loads ali-oss only in the browser, on the first Alibaba upload.
  serverExternalPackages: ['ali-oss'],
};
