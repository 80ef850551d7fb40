import { VodUploader } from '@vod-uploader/react';
import '@vod-uploader/react/styles.css';
import { createRoot } from 'react-dom/client';

// The page the size budget is about: the five-line example, nothing else.
createRoot(document.getElementById('root')!).render(<VodUploader provider="tencent" endpoint="/api/vod" />);
