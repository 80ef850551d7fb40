import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` passes /api/vod on to the Express server (`npm start`); `npm run build` writes dist/,
// which the Express server serves itself.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api/vod': process.env.VOD_ENDPOINT ?? 'http://127.0.0.1:3000' } },
});
