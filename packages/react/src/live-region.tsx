/** Props of {@link LiveRegion}. */
export interface LiveRegionProps {
  /** The sentence to announce; announced when it changes. */
  message: string;
}

/**
 * A polite, visually hidden live region. It is given milestones only (started, 25/50/75 %, done,
 * failed), never every progress tick, so a screen reader is not flooded.
 */
export function LiveRegion({ message }: LiveRegionProps) {
  return (
    <div className="vod-sr-only" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
