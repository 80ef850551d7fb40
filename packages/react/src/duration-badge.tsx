import { formatDuration, type VodMessages } from '@vod-uploader/uppy';

/** Props of {@link DurationBadge}. */
export interface DurationBadgeProps {
  /** The video's length, as the browser read it before upload. */
  seconds: number;
  messages: VodMessages;
}

/**
 * A video's length over its thumbnail ("0:06"), the way video sites show it; a screen reader hears
 * "Duration 0:06" instead of a bare number.
 */
export function DurationBadge({ seconds, messages }: DurationBadgeProps) {
  const shown = formatDuration(seconds);
  return (
    <span className="vod-duration">
      <span aria-hidden="true">{shown}</span>
      <span className="vod-sr-only">{messages.duration(shown)}</span>
    </span>
  );
}
