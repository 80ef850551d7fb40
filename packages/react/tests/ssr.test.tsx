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

  it('a disabled uploader offers no Retry that works: its error list renders the button disabled', async () => {
    const { UploadErrors, messagesOf } = await import('@vod-uploader/react');
    const { vodError } = await import('@vod-uploader/core');
    const error = vodError('network', 'offline');
    const files = [{ id: 'f1', name: 'clip.mp4', error }] as unknown as Parameters<
      typeof UploadErrors
    >[0]['files'];
    const render = (disabled: boolean) =>
      renderToString(
        <UploadErrors
          files={files}
          refusals={[]}
          messages={messagesOf('en')}
          onRetry={() => undefined}
          onDismiss={() => undefined}
          disabled={disabled}
        />,
      );
    expect(render(true)).toMatch(/<button[^>]*disabled=""[^>]*>Retry/);
    expect(render(false)).not.toContain('disabled');
  });

  it("a disabled uploader's status bar renders Pause and Cancel disabled", async () => {
    const { UploadStatusBar } = await import('../src/upload-status-bar.js');
    const { messagesOf } = await import('@vod-uploader/react');
    const state = {
      files: [{ id: 'f1', name: 'clip.mp4', status: 'uploading', progress: 40 }],
      progress: 40,
      bytesUploaded: 40,
      bytesTotal: 100,
      etaSeconds: 3,
      phase: 'uploading',
    } as unknown as Parameters<typeof UploadStatusBar>[0]['state'];
    const render = (disabled: boolean) =>
      renderToString(
        <UploadStatusBar
          state={state}
          messages={messagesOf('en')}
          disabled={disabled}
          onUpload={() => undefined}
          onPause={() => undefined}
          onResume={() => undefined}
          onCancel={() => undefined}
        />,
      );
    const buttons = (html: string) => html.match(/<button[^>]*>/g) ?? [];
    expect(buttons(render(true)).length).toBeGreaterThanOrEqual(2);
    for (const button of buttons(render(true))) expect(button).toContain('disabled=""');
    for (const button of buttons(render(false))) expect(button).not.toContain('disabled');
  });
});
