import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { type VodMediaValue, VodUploadField } from '@vod-uploader/react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';

interface ArticleForm {
  title: string;
  video: VodMediaValue | null;
}

/**
 * A CMS form. Left: a plain `<form>` with an uncontrolled field (no `value`, no `onChange`): it keeps
 * the uploaded media itself and its hidden inputs submit the media id and its ticket, which the
 * demo's server checks (`createMediaVerifier`) before it "saves". Right: the same field,
 * controlled by react-hook-form's `Controller`. Both refuse to submit while an upload runs.
 */
export function CmsFormStory() {
  const [plainSubmitted, setPlainSubmitted] = useState<string>();
  const [plainSaved, setPlainSaved] = useState<{ saved: string } | { refused: string }>();
  const { control, register, handleSubmit } = useForm<ArticleForm>({
    defaultValues: { title: '', video: null },
  });
  const [rhfSubmitted, setRhfSubmitted] = useState<string>();

  return (
    <div className="cms-forms">
      <form
        aria-label="Plain form"
        onSubmit={(event) => {
          event.preventDefault();
          const submitted = JSON.stringify(Object.fromEntries(new FormData(event.currentTarget)));
          setPlainSubmitted(submitted);
          setPlainSaved(undefined);
          // The app's server (here the demo's `/_demo/cms/save`) checks the id against the ticket beside
          // it before it saves the article.
          fetch('/_demo/cms/save', { method: 'POST', body: submitted })
            .then((answer) => answer.json())
            .then(setPlainSaved, (error: unknown) => setPlainSaved({ refused: String(error) }));
        }}
      >
        <h3>Plain form</h3>
        <label>
          Title <input name="title" defaultValue="My first video" />
        </label>
        <VodUploadField
          provider="tencent"
          endpoint="/api/vod"
          label="Video"
          name="videoId"
          ticketName="videoTicket"
          required
        />
        <button type="submit">Save</button> <button type="reset">Reset</button>
        {plainSubmitted && (
          <output data-testid="plain-submitted">
            Submitted: <code>{plainSubmitted}</code>
          </output>
        )}
        {plainSaved && (
          <output data-testid="plain-saved">
            {'saved' in plainSaved
              ? `Saved by the server: ${plainSaved.saved}`
              : `Refused by the server: ${plainSaved.refused}`}
          </output>
        )}
      </form>

      <form
        aria-label="react-hook-form"
        onSubmit={handleSubmit((data) => setRhfSubmitted(JSON.stringify(data)))}
      >
        <h3>react-hook-form</h3>
        <label>
          Title <input {...register('title')} />
        </label>
        <Controller
          name="video"
          control={control}
          rules={{ required: true }}
          render={({ field }) => (
            <VodUploadField {...field} provider="aliyun" endpoint="/api/vod" label="Video" required />
          )}
        />
        <button type="submit">Save</button>
        {rhfSubmitted && (
          <output data-testid="rhf-submitted">
            Submitted: <code>{rhfSubmitted}</code>
          </output>
        )}
      </form>
    </div>
  );
}
