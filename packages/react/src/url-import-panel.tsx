import { normalizeMediaExtension, type ProviderKey, supportedVideoExtensions } from '@vod-uploader/core';
import type { UrlImportInput, UrlImportItem } from '@vod-uploader/uppy';
import {
  describeError,
  messagesOf,
  type UrlImportMessages,
  urlImportMessagesOf,
  type VodMessages,
} from '@vod-uploader/uppy';
import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { LiveRegion } from './live-region.js';
import { type UseUrlImportsOptions, useUrlImports } from './use-url-imports.js';

/** Props of {@link UrlImportPanel}. */
export interface UrlImportPanelProps extends UseUrlImportsOptions {
  disabled?: boolean;
}

/**
 * "Import from a link": paste http(s) links (one per line), optionally a name and a cover link, and
 * follow each import (waiting, processing, done with its media id, or failed with Retry). Tencent and
 * Alibaba only; draws nothing for S3. `<VodUploader urlImport />` shows it under the Dashboard.
 * @example
 * <UrlImportPanel provider="aliyun" endpoint="/api/vod" onUploaded={(r) => save(r.id)} />
 */
export function UrlImportPanel(props: UrlImportPanelProps) {
  const { supported, items, add, retry } = useUrlImports(props);
  const messages = messagesOf(props.locale);
  const text = urlImportMessagesOf(props.locale);
  const id = useId();
  const [urls, setUrls] = useState('');
  const [name, setName] = useState('');
  const [coverUrl, setCoverUrl] = useState('');
  const [mediaType, setMediaType] = useState('mp4');
  const [problem, setProblem] = useState<{ field: 'urls' | 'cover'; message: string } | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const urlsRef = useRef<HTMLTextAreaElement>(null);
  const coverRef = useRef<HTMLInputElement>(null);
  useAnnounceOutcomes(items, messages, text, setAnnouncement);

  if (!supported) return null;
  const mediaTypes = supportedVideoExtensions(props.provider);
  // Neither cloud can tell the type of a link without a media extension: the user picks it.
  const needsType = (line: string) => !hasMediaExtension(line, props.provider);
  const typeWanted = urls.split(/\r?\n/).some((line) => isHttpUrl(line.trim()) && needsType(line.trim()));

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const lines = urls
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    // Refused here, before anything is sent; the endpoint refuses them again for other clients.
    const refused = lines.filter((line) => !isHttpUrl(line));
    const cover = coverUrl.trim();
    if (cover && !isHttpUrl(cover)) {
      setProblem({ field: 'cover', message: text.coverNotHttp });
      coverRef.current?.focus();
      return;
    }
    const accepted = lines.filter((line) => isHttpUrl(line));
    const inputs: UrlImportInput[] = accepted.map((url, index) => ({
      url,
      // One name for several links would make them all look alike: number them.
      ...(name.trim() ? { name: accepted.length > 1 ? `${name.trim()} ${index + 1}` : name.trim() } : {}),
      ...(cover ? { coverUrl: cover } : {}),
      ...(needsType(url) ? { mediaType } : {}),
    }));
    if (inputs.length > 0) {
      add(inputs);
      setAnnouncement(text.started(inputs.length));
      setName('');
      setCoverUrl('');
    }
    setUrls(refused.join('\n'));
    if (refused.length > 0) {
      setProblem({ field: 'urls', message: text.notHttp(refused.join(', ')) });
      urlsRef.current?.focus();
    } else {
      setProblem(undefined);
    }
  };

  const submitOnCtrlEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  return (
    <section className="vod-url-import" aria-labelledby={`${id}-title`}>
      <form onSubmit={submit} noValidate>
        <fieldset disabled={props.disabled}>
          <legend id={`${id}-title`}>{text.title}</legend>
          <label htmlFor={`${id}-urls`}>{text.urls}</label>
          <textarea
            id={`${id}-urls`}
            ref={urlsRef}
            rows={3}
            value={urls}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setUrls(event.target.value)}
            onKeyDown={submitOnCtrlEnter}
            aria-invalid={problem?.field === 'urls' || undefined}
            aria-describedby={problem?.field === 'urls' ? `${hintId} ${problemId}` : hintId}
          />
          <p id={hintId} className="vod-url-import__hint">
            {text.urlsHint}
          </p>
          <div className="vod-url-import__row">
            <Field htmlFor={`${id}-name`} label={text.name}>
              <input
                id={`${id}-name`}
                value={name}
                maxLength={64}
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            <Field htmlFor={`${id}-cover`} label={text.coverUrl}>
              <input
                id={`${id}-cover`}
                ref={coverRef}
                type="url"
                value={coverUrl}
                onChange={(e) => setCoverUrl(e.target.value)}
                aria-invalid={problem?.field === 'cover' || undefined}
                aria-describedby={problem?.field === 'cover' ? problemId : undefined}
              />
            </Field>
          </div>
          {typeWanted && (
            <div className="vod-url-import__row">
              <Field htmlFor={`${id}-type`} label={text.mediaType}>
                <select
                  id={`${id}-type`}
                  value={mediaType}
                  onChange={(e) => setMediaType(e.target.value)}
                  aria-describedby={`${id}-type-hint`}
                >
                  {mediaTypes.map((type) => (
                    <option key={type} value={type}>
                      {type}
                    </option>
                  ))}
                </select>
                <span id={`${id}-type-hint`} className="vod-url-import__hint">
                  {text.mediaTypeHint}
                </span>
              </Field>
            </div>
          )}
          {problem && (
            <p id={problemId} className="vod-url-import__problem">
              {problem.message}
            </p>
          )}
          {/* Disabled while empty, so the second click of a double click cannot submit again. */}
          <button type="submit" className="vod-button" disabled={urls.trim() === ''}>
            {text.submit}
          </button>
        </fieldset>
      </form>
      {items.length > 0 && (
        <ul className="vod-url-import__list" aria-label={text.listLabel}>
          {items.map((item) => (
            <UrlImportRow
              idPrefix={id}
              key={item.id}
              item={item}
              messages={messages}
              text={text}
              onRetry={retry}
              disabled={props.disabled}
            />
          ))}
        </ul>
      )}
      <LiveRegion message={announcement} />
    </section>
  );
}

function UrlImportRow({
  idPrefix,
  item,
  messages,
  text,
  onRetry,
  disabled,
}: {
  /** The panel's own id, so rows of two panels on one page never share an id. */
  idPrefix: string;
  item: UrlImportItem;
  messages: VodMessages;
  text: UrlImportMessages;
  onRetry: (id: string) => void;
  disabled: boolean | undefined;
}) {
  const nameId = `${idPrefix}-${item.id}`;
  return (
    <li className="vod-url-import__item" data-state={item.state} data-code={item.error?.code}>
      <span id={nameId} className="vod-url-import__name">
        {displayName(item)}
      </span>
      {item.state === 'succeeded' && item.result ? (
        <span>
          {text.succeeded}. {messages.mediaId}: <code>{item.result.id}</code>
        </span>
      ) : item.state === 'failed' && item.error ? (
        <>
          <span className="vod-url-import__failure">{failureText(item, messages, text)}</span>
          <button
            type="button"
            className="vod-button"
            disabled={disabled}
            aria-describedby={nameId}
            onClick={() => onRetry(item.id)}
          >
            {messages.retry}
          </button>
        </>
      ) : (
        <span>{text[item.state as 'submitting' | 'waiting' | 'processing']}</span>
      )}
    </li>
  );
}

/** Announces each import that ends, once, in the polite live region. */
function useAnnounceOutcomes(
  items: readonly UrlImportItem[],
  messages: VodMessages,
  text: UrlImportMessages,
  announce: (message: string) => void,
): void {
  const seen = useRef(new Map<string, string>());
  useEffect(() => {
    for (const item of items) {
      const key = `${item.state}:${item.attempt}`;
      if (seen.current.get(item.id) === key) continue;
      seen.current.set(item.id, key);
      if (item.state === 'succeeded') announce(text.done(displayName(item)));
      if (item.state === 'failed')
        announce(text.failedAnnouncement(displayName(item), failureText(item, messages, text)));
    }
  }, [items, messages, text, announce]);
}

/** The failure in words: ours for a cloud task that failed, plus the cloud's reason and code. */
function failureText(item: UrlImportItem, messages: VodMessages, text: UrlImportMessages): string {
  const error = item.error;
  if (!error) return '';
  // The importer marks a failed cloud task with the link as the field at fault.
  if (error.code === 'cloud_refused' && error.field === 'mediaUrl' && error.cloudCode) {
    return `${text.failed} ${text.cloudSaid(error.message, error.cloudCode)}`;
  }
  return describeError(error, messages);
}

function displayName(item: UrlImportItem): string {
  return item.name ?? item.url;
}

/** Whether the link's path ends with a media extension the provider takes (else the user picks one). */
function hasMediaExtension(url: string, provider: ProviderKey): boolean {
  const extension = normalizeMediaExtension(url);
  return extension !== undefined && supportedVideoExtensions(provider).includes(extension);
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** A label and its control, side by side in a row of the panel. */
function Field({ htmlFor, label, children }: { htmlFor: string; label: string; children: ReactNode }) {
  return (
    <span>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
    </span>
  );
}
