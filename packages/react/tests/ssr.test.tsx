import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

describe('server rendering', () => {
  it('imports without a window and renders the uploader and the field to HTML', async () => {
    expect(typeof window).toBe('undefined');
    const { VodUploader, VodUploadField } = await import('@vod-uploader/react');
    const uploader = renderToString(<VodUploader provider="tencent" endpoint="/api/vod" mode="modal" />);
    expect(uploader).toContain('Upload video');
    expect(uploader).toContain('role="status"');
    const field = renderToString(
      <VodUploadField
        provider="aliyun"
        endpoint="/api/vod"
        name="videoId"
        label="Video"
        locale="zh-CN"
        value={{ provider: 'aliyun', id: 'abc123', posterUrl: 'https://example.com/p.jpg' }}
      />,
    );
    expect(field).toContain('name="videoId" value="abc123"');
    expect(field).toContain('src="https://example.com/p.jpg"');
    expect(field).toContain('更换视频');
    const disabled = renderToString(
      <VodUploadField provider="s3" endpoint="/api/vod" name="videoId" required disabled value={null} />,
    );
    expect(disabled).toMatch(/<fieldset[^>]* disabled=""/);
    expect(disabled).toContain('Choose video');
    expect(disabled).toMatch(/<input[^>]*required=""/);
  });
});
