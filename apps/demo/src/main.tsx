import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The package's stylesheet before the page's: the stories import it too, and Vite loads it once.
import '@vod-uploader/react/styles.css';
import './demo.css';
import { App } from './app.js';

// No COS host to pass: against the sandbox, the endpoint (configured by configFromSandboxDescriptor)
// sends it with every Tencent apply-upload answer.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
