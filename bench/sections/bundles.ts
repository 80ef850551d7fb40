import { join } from 'node:path';
import { type Provider, providers } from '../support/bench-context.js';
import { bundleSizes } from '../support/bundle-sizes.js';
import { table } from '../support/stats.js';

const repoRoot = join(import.meta.dirname, '..', '..');

/** Section `bundles`: what a page with `<VodUploader />` loads up front and lazily, beside each SDK alone. */
export async function bundles(): Promise<string> {
  const work = join(repoRoot, 'node_modules', '.cache', 'vod-bench');
  const react = (p: Provider) =>
    `import { VodUploader } from '@vod-uploader/react';\nimport '@vod-uploader/react/styles.css';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(<VodUploader provider="${p}" endpoint="/api/vod" />);\n`;
  const builds = [
    ...providers.map((p) => bundleSizes(work, `<VodUploader provider="${p}" />`, react(p))),
    bundleSizes(work, 'cos-js-sdk-v5 alone', "import COS from 'cos-js-sdk-v5';\nwindow.x = COS;\n"),
    bundleSizes(work, 'ali-oss alone', "import OSS from 'ali-oss';\nwindow.x = OSS;\n"),
    // Tencent's own browser upload SDK (it bundles cos-js-sdk-v5), built the same way.
    bundleSizes(work, 'vod-js-sdk-v6 alone', "import TcVod from 'vod-js-sdk-v6';\nwindow.x = TcVod;\n"),
    bundleSizes(
      work,
      '@uppy/core + @uppy/aws-s3',
      "import Uppy from '@uppy/core';\nimport AwsS3 from '@uppy/aws-s3';\nwindow.x = [Uppy, AwsS3];\n",
    ),
  ];
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const rows: unknown[][] = [];
  for (const b of builds) {
    const sizes = await b;
    rows.push([
      sizes.name,
      kb(sizes.initialGzip),
      sizes.lazy.map((l) => `${l.name} ${kb(l.gzip)}`).join(', ') || '—',
    ]);
  }
  return [
    '## Bundle sizes (Vite 8 production build, minified, gzip -9; React external)\n',
    table(['page', 'initial JS (gzip)', 'lazy chunks (gzip)'], rows),
    "\nAlibaba's upload SDK (`aliyun-upload-sdk`) is not published to the npm registry (Alibaba ships it as a script download), so it cannot be built here; ali-oss, which it wraps, is measured above.",
  ].join('\n');
}
