import type { Story } from '../story.js';
import { AliyunStory } from './aliyun-story.js';
import aliyunSource from './aliyun-story.tsx?raw';
import { CmsFormStory } from './cms-form-story.js';
import cmsFormSource from './cms-form-story.tsx?raw';
import { CoverStory } from './cover-story.js';
import coverSource from './cover-story.tsx?raw';
import { DarkStory } from './dark-story.js';
import darkSource from './dark-story.tsx?raw';
import { EndpointDownStory } from './endpoint-down-story.js';
import endpointDownSource from './endpoint-down-story.tsx?raw';
import { ErrorStatesStory } from './error-states-story.js';
import errorStatesSource from './error-states-story.tsx?raw';
import { ExpiredCredentialStory } from './expired-credential-story.js';
import expiredSource from './expired-credential-story.tsx?raw';
import { HeadlessStory } from './headless-story.js';
import headlessSource from './headless-story.tsx?raw';
import { ModalStory } from './modal-story.js';
import modalSource from './modal-story.tsx?raw';
import { AliyunProcessingStory, TencentProcessingStory } from './processing-story.js';
import processingSource from './processing-story.tsx?raw';
import { RefusedTypeStory } from './refused-type-story.js';
import refusedTypeSource from './refused-type-story.tsx?raw';
import { RestrictionsStory } from './restrictions-story.js';
import restrictionsSource from './restrictions-story.tsx?raw';
import { S3Story } from './s3-story.js';
import s3Source from './s3-story.tsx?raw';
import { TencentLegacyV2Story } from './tencent-legacy-v2-story.js';
import tencentLegacyV2Source from './tencent-legacy-v2-story.tsx?raw';
import { TencentStory } from './tencent-story.js';
import tencentSource from './tencent-story.tsx?raw';
import { UrlImportStory } from './url-import-story.js';
import urlImportSource from './url-import-story.tsx?raw';
import { ZhCnStory } from './zh-cn-story.js';
import zhCnSource from './zh-cn-story.tsx?raw';

/** The sidebar, in order. */
export const STORIES: Story[] = [
  {
    id: 'tencent',
    title: 'Tencent Cloud VOD',
    description: 'Drop or choose a video, then press Upload. The media id (FileId) appears below.',
    Component: TencentStory,
    source: tencentSource,
  },
  {
    id: 'tencent-legacy-v2',
    title: 'Tencent (legacy v2)',
    description:
      'An account on the legacy v2 API: the endpoint signs each COS request of the session. Choose a video and a cover, then press Upload; the FileId of v2 CommitUpload appears below.',
    Component: TencentLegacyV2Story,
    source: tencentLegacyV2Source,
  },
  {
    id: 'aliyun',
    title: 'Alibaba Cloud VOD',
    description: 'Uploads start as soon as a file is chosen (autoProceed). The VideoId appears below.',
    Component: AliyunStory,
    source: aliyunSource,
  },
  {
    id: 's3',
    title: 'S3-compatible',
    description: 'Any S3-compatible store; the endpoint presigns every request.',
    Component: S3Story,
    source: s3Source,
  },
  {
    id: 'tencent-processing',
    title: 'Tencent: processing → ready',
    description:
      'Every upload asks for a task flow (Procedure). Choose a video: after the upload it reads "Processing…" with the stage, then "Ready" with a link that plays it.',
    Component: TencentProcessingStory,
    source: processingSource,
  },
  {
    id: 'aliyun-processing',
    title: 'Alibaba: processing → ready',
    description:
      'Every upload asks for a transcoding template group (TemplateGroupId). Choose a video: "Processing…", then "Ready" with a link that plays it.',
    Component: AliyunProcessingStory,
    source: processingSource,
  },
  {
    id: 'url-import',
    title: 'Import from a link',
    description:
      'Paste http(s) links, one per line: the cloud downloads each video itself. Each import shows its state, then its media id, or the reason it failed with Retry.',
    Component: UrlImportStory,
    source: urlImportSource,
  },
  {
    id: 'modal',
    title: 'Modal',
    description: 'The Dashboard in a dialog. Escape or the close button closes it.',
    Component: ModalStory,
    source: modalSource,
  },
  {
    id: 'restrictions',
    title: 'Restrictions',
    description: 'Videos only, 2 files, 50 MB and 5 seconds at most. Try the 6-second sample or an image.',
    Component: RestrictionsStory,
    source: restrictionsSource,
  },
  {
    id: 'cover',
    title: 'Cover image',
    description: 'Choose a cover for each video before uploading; it is uploaded with the video.',
    Component: CoverStory,
    source: coverSource,
  },
  {
    id: 'zh-cn',
    title: '中文 (zh-CN)',
    description: 'Every string in Simplified Chinese, Uppy’s and ours (videos up to 5 seconds).',
    Component: ZhCnStory,
    source: zhCnSource,
  },
  {
    id: 'dark',
    title: 'Dark theme',
    description: 'theme="dark", with the accent colour set through a CSS variable.',
    Component: DarkStory,
    source: darkSource,
    dark: true,
  },
  {
    id: 'headless',
    title: 'Headless hook',
    description: 'useVodUploader: state and actions only, your own markup.',
    Component: HeadlessStory,
    source: headlessSource,
  },
  {
    id: 'cms-form',
    title: 'CMS form field',
    description: 'VodUploadField in a plain form and under react-hook-form. Saving waits for the upload.',
    Component: CmsFormStory,
    source: cmsFormSource,
  },
  {
    id: 'endpoint-down',
    title: 'Error: endpoint down',
    description: 'The credential endpoint does not answer. Choose a video to see the message.',
    Component: EndpointDownStory,
    source: endpointDownSource,
  },
  {
    id: 'refused-type',
    title: 'Error: refused type',
    description: 'Choose an image: the endpoint’s policy refuses it as media.',
    Component: RefusedTypeStory,
    source: refusedTypeSource,
  },
  {
    id: 'error-states',
    title: 'Error states',
    description:
      'Choose an image (refused), or pick the wrong endpoint path and choose a video (not found); in light or dark, English or Chinese.',
    Component: ErrorStatesStory,
    source: errorStatesSource,
  },
  {
    id: 'expired-credential',
    title: 'Error: expired credential',
    description:
      'The upload credential arrives expired: the user is told, and the upload starts again and completes.',
    Component: ExpiredCredentialStory,
    source: expiredSource,
  },
];
