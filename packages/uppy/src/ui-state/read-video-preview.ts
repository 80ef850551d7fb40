/** What the browser can tell about a video before it is uploaded. */
export interface VideoPreview {
  /** Seconds; undefined when the container does not say (e.g. some recorded WebM). */
  duration: number | undefined;
  width: number;
  height: number;
  /** A JPEG frame from early in the video, undefined when no frame could be decoded. */
  poster: Blob | undefined;
}

/** Options of {@link readVideoPreview}. */
export interface ReadVideoPreviewOptions {
  /** Width of the poster in CSS pixels; the height keeps the video's aspect ratio. */
  maxWidth?: number;
  /** Give up after this long: a codec the browser cannot play must not hold the upload forever. */
  timeoutMs?: number;
}

/**
 * Reads a video's duration and a poster frame with a detached `<video>` element and a canvas.
 * Decoding runs in the browser's media pipeline; the main thread only waits for events and draws
 * one frame, so adding a file never blocks on this.
 */
export async function readVideoPreview(
  file: Blob,
  options: ReadVideoPreviewOptions = {},
): Promise<VideoPreview> {
  const { maxWidth = 480, timeoutMs = 15_000 } = options;
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.src = url;
  try {
    await nextEvent(video, 'loadeddata', timeoutMs);
    const duration = Number.isFinite(video.duration) ? video.duration : undefined;
    const width = video.videoWidth;
    const height = video.videoHeight;
    // The very first frame is often black (fade-in); a second in (or mid-way in a short clip) shows content.
    const at = duration === undefined ? 0 : Math.min(1, duration / 2);
    if (at > 0) {
      video.currentTime = at;
      await nextEvent(video, 'seeked', timeoutMs);
    }
    const poster = width > 0 ? await drawFrame(video, Math.min(maxWidth, width)) : undefined;
    return { duration, width, height, poster };
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}

function drawFrame(video: HTMLVideoElement, width: number): Promise<Blob | undefined> {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width);
  canvas.height = Math.round((video.videoHeight / video.videoWidth) * width);
  const context = canvas.getContext('2d');
  if (!context) return Promise.resolve(undefined);
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob ?? undefined), 'image/jpeg', 0.8));
}

function nextEvent(target: HTMLVideoElement, type: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      target.removeEventListener(type, onEvent);
      target.removeEventListener('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onEvent = () => done();
    const onError = () =>
      done(new Error(`The browser cannot decode this video (${target.error?.message ?? 'error'})`));
    const timer = setTimeout(() => done(new Error(`No ${type} within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(type, onEvent);
    target.addEventListener('error', onError);
  });
}
