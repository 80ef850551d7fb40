import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());

describe('VodUploadField without a controlling parent', () => {
  it('shows its defaultValue, with the id in the hidden input a plain form submits', async () => {
    const { VodUploadField } = await import('@vod-uploader/react');
    const html = renderToString(
      <VodUploadField
        provider="tencent"
        endpoint="/api/vod"
        name="videoId"
        required
        defaultValue={{ provider: 'tencent', id: '5285890781234', posterUrl: 'https://example.com/p.jpg' }}
      />,
    );
    expect(html).toContain('name="videoId" value="5285890781234"');
    expect(html).toContain('Replace video');
    expect(html).not.toContain('No video yet.');
  });

  it('warns once in development when `value` comes without `onChange`, never for defaultValue', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { VodUploadField } = await import('@vod-uploader/react');
    const media = { provider: 's3' as const, id: 'videos/a.mp4' };
    renderToString(<VodUploadField provider="s3" endpoint="/api/vod" defaultValue={media} />);
    renderToString(
      <VodUploadField provider="s3" endpoint="/api/vod" value={media} onChange={() => undefined} />,
    );
    expect(warn).not.toHaveBeenCalled();
    renderToString(<VodUploadField provider="s3" endpoint="/api/vod" value={media} />);
    renderToString(<VodUploadField provider="s3" endpoint="/api/vod" value={null} />);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('without `onChange`');
  });
});
