import { VodUploader } from '@vod-uploader/react';
import type { CSSProperties } from 'react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/** Dark theme, with the accent colour changed through a CSS variable. */
export function DarkStory() {
  const { items, onUploaded } = useUploadedItems();
  return (
    <>
      <VodUploader
        provider="tencent"
        endpoint="/api/vod"
        theme="dark"
        height={320}
        style={{ '--vod-accent': '#8ab4f8' } as CSSProperties}
        onUploaded={onUploaded}
      />
      <UploadedMedia items={items} />
    </>
  );
}
