import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { type VodLocale, type VodTheme, VodUploader } from '@vod-uploader/react';
import { useState } from 'react';

const PROVIDERS = {
  tencent: 'tencent',
  alibaba: '"alibaba" (a misspelled provider, as plain JavaScript or a config value can pass it)',
};

const ENDPOINTS = {
  '/api/vod': 'The demo endpoint',
  '/api/vod-missing': 'A wrong path (nothing answers there: HTTP 404)',
};

/**
 * Failures as a person sees them, in either theme and language: choose an image (the endpoint's
 * policy refuses it), a video with the wrong endpoint path (not found), a video while the cloud
 * fails (no retries here, so it fails at once), or any file with a misspelled provider. `onError`
 * gets the typed error with the developer's detail; the sentence on screen says only what happened
 * and what to do.
 */
export function ErrorStatesStory() {
  const [theme, setTheme] = useState<Exclude<VodTheme, 'auto'>>('light');
  const [locale, setLocale] = useState<VodLocale>('en');
  const [endpoint, setEndpoint] = useState<keyof typeof ENDPOINTS>('/api/vod');
  const [provider, setProvider] = useState<keyof typeof PROVIDERS>('tencent');
  const [code, setCode] = useState<string>();
  // How often onError ran: a configuration error is reported once, even under StrictMode.
  const [calls, setCalls] = useState(0);
  return (
    <>
      <div className="story-controls">
        <Choice label="Theme" value={theme} options={{ light: 'Light', dark: 'Dark' }} onChange={setTheme} />
        <Choice
          label="Language"
          value={locale}
          options={{ en: 'English', 'zh-CN': '中文' }}
          onChange={setLocale}
        />
        <Choice label="Endpoint" value={endpoint} options={ENDPOINTS} onChange={setEndpoint} />
        <Choice label="Provider" value={provider} options={PROVIDERS} onChange={setProvider} />
      </div>
      <div className={theme === 'dark' ? 'example--dark story-frame' : 'story-frame'} lang={locale}>
        <VodUploader
          // A fresh uploader per setting: nothing carries over from the previous one.
          key={`${theme}-${locale}-${endpoint}-${provider}`}
          // The misspelling is what the types forbid and a plain-JavaScript app can still pass.
          provider={provider as 'tencent'}
          endpoint={endpoint}
          theme={theme}
          locale={locale}
          height={300}
          autoProceed
          pluginOptions={{ retry: { retries: 0 } }}
          onError={(error) => {
            setCode(error.code);
            setCalls((n) => n + 1);
          }}
        />
        {code && (
          <p>
            <code>onError</code> received <code data-testid="error-code">{code}</code> (
            <span data-testid="error-calls">{calls}</span> so far)
          </p>
        )}
      </div>
    </>
  );
}

function Choice<T extends string>(props: {
  label: string;
  value: T;
  options: Record<T, string>;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset>
      <legend>{props.label}</legend>
      {(Object.entries(props.options) as [T, string][]).map(([value, text]) => (
        <label key={value}>
          <input
            type="radio"
            name={props.label}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />{' '}
          {text}
        </label>
      ))}
    </fieldset>
  );
}
