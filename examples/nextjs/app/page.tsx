import { Uploader } from './uploader';

type Provider = 'tencent' | 'aliyun' | 's3';

/** `?provider=aliyun` or `?provider=s3` picks another cloud. */
export default async function Page({ searchParams }: { searchParams: Promise<{ provider?: string }> }) {
  const { provider } = await searchParams;
  const chosen: Provider = provider === 'aliyun' || provider === 's3' ? provider : 'tencent';
  return (
    <main>
      <h1>Upload a video</h1>
      <Uploader provider={chosen} />
    </main>
  );
}
