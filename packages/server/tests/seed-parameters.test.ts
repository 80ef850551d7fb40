import type { PrepareUploadInput, SeedAction, SeedFields } from '@vod-uploader/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, errorOf, type Harness, startHarness } from './harness.js';
import { startMediaOrigin } from './media-origin.js';

/**
 * Every documented request parameter of each seed, set through `prepareUpload`, as the sandbox
 * received it (its request log keeps each VOD call's parameters, legacy v2's too).
 */
let h: Harness;
let origin: Awaited<ReturnType<typeof startMediaOrigin>>;
let fields: Partial<SeedFields> = {};
const asked: PrepareUploadInput[] = [];

beforeAll(async () => {
  origin = await startMediaOrigin();
  h = await startHarness({
    authorize: () => ({ id: 'user-42' }),
    policy: { urlImport: { allowHosts: [origin.host] } },
    prepareUpload: (input) => {
      asked.push(input);
      return fields[input.action];
    },
  });
  h.sandbox.allowImportHost(origin.host);
});
afterAll(async () => {
  await h?.close();
  await origin?.close();
});

/** The parameters of the last `action` call the sandbox received. */
function received(action: string, since: number): Record<string, unknown> {
  const calls = h.sandbox.context.log.list(since).filter((record) => record.action === action);
  expect(calls, `one ${action} call`).toHaveLength(1);
  return calls[0]!.params ?? {};
}

/** A row: documented parameter → the hook field that sets it (same name) → its value → as received. */
type Row<A extends SeedAction> = [
  param: string,
  hookField: keyof SeedFields[A] & string,
  value: unknown,
  sent: unknown,
];

function hookFields<A extends SeedAction>(rows: Row<A>[]): SeedFields[A] {
  return Object.fromEntries(rows.map(([, field, value]) => [field, value])) as SeedFields[A];
}

function expectRows<A extends SeedAction>(params: Record<string, unknown>, rows: Row<A>[]): void {
  for (const [param, field, , sent] of rows) {
    expect(params[param], `${param} ← prepareUpload().${field}`).toEqual(sent);
  }
}

/**
 * Makes the hook answer `rows` (plus `extra`) for `action`, calls `path` with `body`, and checks that
 * each row's parameter reached the sandbox as the row says; resolves with the answer and every
 * parameter received.
 */
async function throughHook<A extends SeedAction>(
  action: A,
  rows: Row<A>[],
  path: string,
  body: unknown,
  extra: Partial<SeedFields[A]> = {},
): Promise<{ answer: Answer; params: Record<string, unknown> }> {
  fields = { [action]: { ...hookFields(rows), ...extra } };
  const since = h.sandbox.context.log.lastSeq;
  const answer = await h.call('POST', path, body);
  expect(answer.status, answer.text).toBe(200);
  const params = received(action, since);
  expectRows(params, rows);
  return { answer, params };
}

/** The StorageLocation row: the sandbox's one Alibaba bucket, as set and as received. */
const storageLocationRow = (): Row<'CreateUploadVideo' | 'CreateUploadImage' | 'UploadMediaByURL'> => [
  'StorageLocation',
  'StorageLocation',
  h.sandbox.descriptor.aliyun.bucket,
  h.sandbox.descriptor.aliyun.bucket,
];

const expireAt = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const appUserData = {
  MessageCallback: { CallbackURL: 'https://app.example.com/vod-callback' },
  Extend: { userId: '42' },
};

/**
 * The parameters Tencent documents for both ApplyUpload and PullUpload: the hook sets them alike for
 * either action, so one list serves both tests (each adds the parameters only its action has).
 */
const tencentSharedRows: Row<'ApplyUpload' | 'PullUpload'>[] = [
  ['MediaName', 'MediaName', 'hooked name', 'hooked name'],
  ['Procedure', 'Procedure', 'HookProcedure', 'HookProcedure'],
  ['ExpireTime', 'ExpireTime', expireAt, expireAt],
  ['StorageRegion', 'StorageRegion', 'ap-chongqing', 'ap-chongqing'],
  ['ClassId', 'ClassId', 7, 7],
  ['SourceContext', 'SourceContext', 'src:user-42', 'src:user-42'],
  ['SessionContext', 'SessionContext', '{"userId":"42"}', '{"userId":"42"}'],
  ['ExtInfo', 'ExtInfo', 'ext-info', 'ext-info'],
];

describe('seed parameters', () => {
  it('seed parameters: Tencent ApplyUpload — each documented parameter from the hook reaches the cloud', async () => {
    const rows: Row<'ApplyUpload'>[] = [
      ...tencentSharedRows,
      ['SubAppId', 'SubAppId', 1500000001, 1500000001],
    ];
    const { answer, params } = await throughHook('ApplyUpload', rows, '/tencent/apply-upload', {
      mediaType: 'mp4',
      mediaName: 'client name',
    });
    // What the hook does not set stays the client's (MediaType) and the server's.
    expect(params.MediaType).toBe('mp4');
    expect(asked.at(-1)).toMatchObject({
      caller: { id: 'user-42' },
      provider: 'tencent',
      action: 'ApplyUpload',
      request: { mediaType: 'mp4', mediaName: 'client name' },
    });
    // The caller binding is the ticket, not a cloud field.
    expect(answer.json.ticket).toBeTypeOf('string');
    // The ticket keeps the hook's SubAppId: the commit goes to the same sub-application.
    const commitSince = h.sandbox.context.log.lastSeq;
    await h.call('POST', '/tencent/commit-upload', {
      vodSessionKey: answer.json.result.Response.VodSessionKey,
      ticket: answer.json.ticket,
    });
    expect(received('CommitUpload', commitSince).SubAppId).toBe(1500000001);
  });

  it('seed parameters: Tencent PullUpload — the hook sets SessionContext and the rest; the caller binding is SessionId', async () => {
    const rows: Row<'PullUpload'>[] = [
      ...tencentSharedRows,
      ['TasksPriority', 'TasksPriority', -5, -5],
      ['MediaStoragePath', 'MediaStoragePath', '/hook/path/video.mp4', '/hook/path/video.mp4'],
    ];
    // SubAppId stays the config's: the task route looks the task up there.
    const { answer, params } = await throughHook('PullUpload', rows, '/tencent/pull-upload', {
      mediaUrl: `${origin.url}/sample.mp4`,
    });
    expect(params.SessionId).toMatch(/^vc1-[0-9a-f]{16}-[0-9a-f]{28}$/);
    // The task is still this caller's, and only this caller's.
    const taskId = answer.json.result.Response.TaskId as string;
    expect((await h.call('GET', `/tencent/tasks/${taskId}`)).status).toBe(200);
  });

  it('seed parameters: Alibaba CreateUploadVideo — UserData, ReferenceId and the rest from the hook', async () => {
    const rows: Row<'CreateUploadVideo'>[] = [
      ['Title', 'Title', 'Hooked title', 'Hooked title'],
      ['Description', 'Description', 'from the hook', 'from the hook'],
      ['CoverURL', 'CoverURL', 'https://img.example.com/c.jpg', 'https://img.example.com/c.jpg'],
      ['CateId', 'CateId', 12, '12'],
      ['Tags', 'Tags', ['x', 'y'], 'x,y'],
      ['TemplateGroupId', 'TemplateGroupId', 'tg-hook', 'tg-hook'],
      ['WorkflowId', 'WorkflowId', 'wf-hook', 'wf-hook'],
      storageLocationRow(),
      ['UserData', 'UserData', appUserData, JSON.stringify(appUserData)],
      ['AppId', 'AppId', 'app-1000000', 'app-1000000'],
      ['ReferenceId', 'ReferenceId', 'order-42', 'order-42'],
    ];
    const { params } = await throughHook('CreateUploadVideo', rows, '/aliyun/create-upload-video', {
      fileName: 'a.mp4',
      title: 'client',
    });
    expect(params.FileName).toBe('a.mp4');
  });

  it('seed parameters: Alibaba CreateUploadImage — Tags, Description, UserData, OriginalFileName, Title…', async () => {
    const rows: Row<'CreateUploadImage'>[] = [
      ['Title', 'Title', 'Image title', 'Image title'],
      ['Tags', 'Tags', ['cover', 'hook'], 'cover,hook'],
      ['Description', 'Description', 'an image', 'an image'],
      ['UserData', 'UserData', '{"Extend":{"userId":"42"}}', '{"Extend":{"userId":"42"}}'],
      ['OriginalFileName', 'OriginalFileName', 'IMG_0001.png', 'IMG_0001.png'],
      storageLocationRow(),
      ['AppId', 'AppId', 'app-1000000', 'app-1000000'],
      ['CateId', 'CateId', 5, '5'],
    ];
    const { params } = await throughHook('CreateUploadImage', rows, '/aliyun/create-upload-image', {
      imageType: 'default',
      imageExt: 'png',
    });
    expect(params).toMatchObject({ ImageType: 'default', ImageExt: 'png' });
  });

  it('seed parameters: Alibaba UploadMediaByURL — the app keeps UserData, the caller key is added beside it', async () => {
    const rows: Row<'UploadMediaByURL'>[] = [
      ['TemplateGroupId', 'TemplateGroupId', 'tg-url', 'tg-url'],
      ['WorkflowId', 'WorkflowId', 'wf-url', 'wf-url'],
      ['AppId', 'AppId', 'app-1000000', 'app-1000000'],
      storageLocationRow(),
    ];
    const { answer, params } = await throughHook(
      'UploadMediaByURL',
      rows,
      '/aliyun/url-import',
      { mediaUrl: `${origin.url}/sample.mp4` },
      {
        UserData: appUserData,
        Title: 'url title',
        Description: 'url description',
        CateId: 9,
        Tags: ['u'],
      },
    );
    const userData = JSON.parse(String(params.UserData));
    expect(userData.MessageCallback).toEqual(appUserData.MessageCallback);
    expect(userData.Extend).toMatchObject({
      userId: '42',
      vodUploaderCaller: expect.stringMatching(/^vu1-/),
    });
    const [metadata] = JSON.parse(String(params.UploadMetadatas));
    expect(metadata).toMatchObject({
      Title: 'url title',
      Description: 'url description',
      CateId: 9,
      Tags: 'u',
    });
    // The job is still this caller's.
    const jobId = answer.json.result.UploadJobs[0].JobId as string;
    expect((await h.call('GET', `/aliyun/url-import/${jobId}`)).status).toBe(200);
  });

  it.each([
    ['a field of another action', { ApplyUpload: { UserData: '{}' } }, 'prepareUpload.UserData'],
    [
      'SessionContext over 1000',
      { ApplyUpload: { SessionContext: 'x'.repeat(1001) } },
      'prepareUpload.SessionContext',
    ],
    [
      'SourceContext over 250',
      { ApplyUpload: { SourceContext: 'x'.repeat(251) } },
      'prepareUpload.SourceContext',
    ],
    ['ExpireTime not ISO 8601', { ApplyUpload: { ExpireTime: 'tomorrow' } }, 'prepareUpload.ExpireTime'],
  ] as const)(
    'seed parameters: a bad hook result (%s) is config_invalid, before any cloud call',
    async (_name, given, field) => {
      fields = given as Partial<SeedFields>;
      const since = h.sandbox.context.log.lastSeq;
      const answer = await h.call('POST', '/tencent/apply-upload', { mediaType: 'mp4' });
      expect(errorOf(answer)).toMatchObject({ code: 'config_invalid', field });
      expect(h.sandbox.context.log.list(since).filter((r) => r.api === 'tencent-vod')).toEqual([]);
    },
  );

  it('seed parameters: PullUpload refuses a SubAppId from the hook (its task is looked up under the config’s)', async () => {
    fields = { PullUpload: { SubAppId: 1 } as SeedFields['PullUpload'] };
    const answer = await h.call('POST', '/tencent/pull-upload', { mediaUrl: `${origin.url}/sample.mp4?s` });
    expect(errorOf(answer)).toMatchObject({ code: 'config_invalid', field: 'prepareUpload.SubAppId' });
  });

  it.each([
    ['Tags over 16', { Tags: Array.from({ length: 17 }, (_, i) => `t${i}`) }, 'prepareUpload.Tags'],
    ['UserData not a JSON object', { UserData: '[1]' }, 'prepareUpload.UserData'],
    ['ReferenceId with a space', { ReferenceId: 'a b' }, 'prepareUpload.ReferenceId'],
  ] as const)(
    'seed parameters: CreateUploadVideo refuses %s as config_invalid',
    async (_name, given, field) => {
      fields = { CreateUploadVideo: given as SeedFields['CreateUploadVideo'] };
      const answer = await h.call('POST', '/aliyun/create-upload-video', { fileName: 'a.mp4' });
      expect(errorOf(answer)).toMatchObject({ code: 'config_invalid', field });
    },
  );

  it('seed parameters: a hook that throws answers internal with a safe message', async () => {
    const thrower = await startHarness(
      {
        prepareUpload: () => {
          throw new Error('database down: secret-detail');
        },
      },
      { sandbox: h.sandbox },
    );
    try {
      const answer = await thrower.call('POST', '/tencent/apply-upload', { mediaType: 'mp4' });
      expect(errorOf(answer)).toMatchObject({ code: 'internal' });
      expect(answer.text).not.toContain('secret-detail');
    } finally {
      await thrower.close();
    }
  });
});

describe('seed parameters (legacy v2)', () => {
  let v2: Harness;
  let v2Fields: Record<string, unknown> | undefined;
  const v2Asked: PrepareUploadInput[] = [];

  beforeAll(async () => {
    v2 = await startHarness(
      {
        authorize: () => ({ id: 'user-42' }),
        prepareUpload: (input) => {
          v2Asked.push(input);
          return v2Fields;
        },
      },
      { legacyV2: true },
    );
  });
  afterAll(async () => {
    await v2?.close();
  });

  it('seed parameters: Tencent legacy v2 ApplyUpload — videoName, coverName, procedure from the hook (api: v2); the file facts stay the client’s', async () => {
    const rows: Array<[param: string, hookField: string, value: string, sent: string]> = [
      ['videoName', 'videoName', 'v2 hooked name', 'v2 hooked name'],
      ['coverName', 'coverName', 'v2 hooked cover', 'v2 hooked cover'],
      ['procedure', 'procedure', 'V2Procedure', 'V2Procedure'],
    ];
    v2Fields = Object.fromEntries(rows.map(([, field, value]) => [field, value]));
    const since = v2.sandbox.context.log.lastSeq;
    const answer = await v2.call('POST', '/tencent/apply-upload', {
      mediaType: 'mp4',
      mediaName: 'client name',
      fileSize: 1234,
      coverType: 'jpg',
      coverSize: 56,
    });
    expect(answer.status, answer.text).toBe(200);
    const calls = v2.sandbox.context.log.list(since).filter((record) => record.action === 'v2.ApplyUpload');
    expect(calls, 'one v2 ApplyUpload call').toHaveLength(1);
    const params = calls[0]!.params ?? {};
    for (const [param, field, , sent] of rows) {
      expect(params[param], `${param} ← prepareUpload().${field}`).toEqual(sent);
    }
    // The documented file facts are the client's, checked by the policy.
    expect(params).toMatchObject({ videoType: 'mp4', videoSize: '1234', coverType: 'jpg', coverSize: '56' });
    // The log holds the action's parameters, not the signature's.
    expect(params).not.toHaveProperty('Signature');
    expect(params).not.toHaveProperty('SecretId');
    expect(v2Asked.at(-1)).toMatchObject({
      caller: { id: 'user-42' },
      provider: 'tencent',
      action: 'ApplyUpload',
      api: 'v2',
      request: { mediaType: 'mp4', mediaName: 'client name' },
    });
    expect(answer.json.result.vodSessionKey).toBeTypeOf('string');
  });

  it('seed parameters: Tencent legacy v2 ApplyUpload — an API 3.0 field from the hook is config_invalid naming it', async () => {
    v2Fields = { MediaName: 'API 3.0 name' };
    const since = v2.sandbox.context.log.lastSeq;
    const answer = await v2.call('POST', '/tencent/apply-upload', { mediaType: 'mp4', fileSize: 1234 });
    expect(errorOf(answer)).toMatchObject({ code: 'config_invalid', field: 'prepareUpload.MediaName' });
    expect(v2.sandbox.context.log.list(since).filter((r) => r.action === 'v2.ApplyUpload')).toHaveLength(0);
  });
});
