import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

/** Files under `/_demo/media/`: the repository's test fixture each serves, and the type a media server would send. */
const FILES: Record<string, { file: string; type: string }> = {
  'sample.mp4': { file: 'sample-6s-640x360.mp4', type: 'video/mp4' },
  'cover.jpg': { file: 'cover-1280x720.jpg', type: 'image/jpeg' },
};
/** Links without an extension, as CDNs and players often give them: `stream` serves `sample.mp4`. */
const ALIASES: Record<string, string> = { stream: 'sample.mp4' };

/**
 * A tiny media origin for the URL-import story: the cloud (the sandbox, in the same process)
 * downloads from it. `sample.mp4` and `cover.jpg` are real files; `late.mp4?…` is a link not
 * published yet: 404 the first time each query is asked for, the video afterwards (so Retry succeeds);
 * `stream` is the video under a link without an extension; anything else is a 404. The files are the
 * sample media of `tests/fixtures/` (`mediaDir`), so the repository holds one copy of each.
 */
export function demoMediaHandler(mediaDir: string): (req: IncomingMessage, res: ServerResponse) => void {
  const asked = new Set<string>();
  return (req, res) => {
    // Mounted at /_demo/media: `req.url` is the rest, e.g. `/late.mp4?key=1`.
    const url = new URL(req.url ?? '/', 'http://demo.local');
    let name = url.pathname.replace(/^\//, '');
    name = ALIASES[name] ?? name;
    if (name === 'late.mp4') {
      // Each distinct query is its own late link, so every try of the story (and every test) gets one.
      const key = url.search;
      const first = !asked.has(key);
      asked.add(key);
      name = first ? '' : 'sample.mp4';
    }
    const served = FILES[name];
    if (!served || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    const body = readFileSync(join(mediaDir, served.file));
    res.writeHead(200, {
      'content-type': served.type,
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
