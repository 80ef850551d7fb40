import '@vod-uploader/react/styles.css';
import type { ReactNode } from 'react';

export const metadata = { title: 'vod-uploader: Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ maxWidth: 760, margin: '2rem auto', fontFamily: 'system-ui' }}>{children}</body>
    </html>
  );
}
