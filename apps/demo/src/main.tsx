import { type VodUploaderDefaults, VodUploaderDefaultsProvider } from '@vod-uploader/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './demo.css';
import { App } from './app.js';

/**
 * Against the local sandbox, Tencent's COS lives at 127.0.0.1 over plain HTTP instead of
 * `<bucket>.cos.<region>.myqcloud.com`; the demo server tells us where (null with real clouds).
 */
async function sandboxDefaults(): Promise<VodUploaderDefaults> {
  const descriptor = (await fetch('/_demo/descriptor').then((r) => r.json())) as {
    tencent: { cosDomain: string };
  } | null;
  if (!descriptor) return {};
  return { pluginOptions: { tencent: { cosDomain: descriptor.tencent.cosDomain, cosProtocol: 'http:' } } };
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <VodUploaderDefaultsProvider value={await sandboxDefaults()}>
      <App />
    </VodUploaderDefaultsProvider>
  </StrictMode>,
);
