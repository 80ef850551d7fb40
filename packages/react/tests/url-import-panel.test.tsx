import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

describe('UrlImportPanel', () => {
  it('renders on the server with labelled fields, in zh-CN too, and not at all for S3', async () => {
    const { UrlImportPanel } = await import('@vod-uploader/react');
    const en = renderToString(<UrlImportPanel provider="tencent" endpoint="/api/vod" />);
    expect(en).toContain('<legend');
    expect(en).toContain('Import from a link');
    // Every field has a label pointing at it.
    const ids = [...en.matchAll(/<(?:textarea|input)[^>]* id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(en).toContain(`for="${id}"`);
    expect(en).toMatch(/<button type="submit"[^>]*disabled=""/);
    expect(en).toContain('role="status"');
    const zh = renderToString(<UrlImportPanel provider="aliyun" endpoint="/api/vod" locale="zh-CN" />);
    expect(zh).toContain('从链接导入');
    expect(zh).toContain('视频链接，每行一个');
    expect(renderToString(<UrlImportPanel provider="s3" endpoint="/api/vod" />)).toBe('');
  });
});
