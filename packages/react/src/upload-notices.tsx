/** Props of {@link UploadNotices}. */
export interface UploadNoticesProps {
  notices: string[];
  label: string;
}

/** The engine's warnings (the upload goes on), in the person's language. */
export function UploadNotices({ notices, label }: UploadNoticesProps) {
  if (notices.length === 0) return null;
  return (
    <section className="vod-notices" aria-label={label}>
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
    </section>
  );
}
