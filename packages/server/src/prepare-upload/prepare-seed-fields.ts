import { isVodUploadError, vodError } from '@vod-uploader/core';
import type { RouteContext } from '../http/route-context.js';
import type {
  ApplyUploadV2Fields,
  PrepareUploadFn,
  PrepareUploadInput,
  PrepareUploadV2Input,
  SeedAction,
  SeedCall,
  SeedFields,
} from './prepare-upload.js';
import { APPLY_UPLOAD_V2_FIELD_SCHEMA, SEED_FIELD_SCHEMAS } from './seed-field-schemas.js';

/** A hook's fields after the checks: `UserData` as its JSON object. */
export type PreparedFields<A extends SeedAction> = Omit<SeedFields[A], 'UserData'> & {
  UserData?: Record<string, unknown>;
};

/** What a route asks the hook with: the app's hook and the request's caller. */
export type SeedAsker = Pick<RouteContext, 'prepareUpload' | 'caller'>;

/** The cloud of each seed action, as the hook is told it (`provider`): one action, one cloud. */
const SEED_PROVIDERS: { [A in SeedAction]: SeedCall[A]['provider'] } = {
  ApplyUpload: 'tencent',
  PullUpload: 'tencent',
  CreateUploadVideo: 'aliyun',
  CreateUploadImage: 'aliyun',
  UploadMediaByURL: 'aliyun',
};

/**
 * Asks `prepareUpload` (when configured) for the fields of one seed call of the request's caller and
 * checks them. A throw becomes `internal` (the client gets a safe sentence, `onError` the cause); a
 * result that is not an object of the action's fields within the seed's bounds becomes
 * `config_invalid` naming the field.
 */
export async function prepareSeedFields<A extends SeedAction>(
  context: SeedAsker,
  action: A,
  request: SeedCall[A]['request'],
): Promise<PreparedFields<A>> {
  // The table gives each action its own provider; TypeScript cannot tie the two through `A`.
  const input = {
    caller: context.caller,
    provider: SEED_PROVIDERS[action],
    action,
    request,
  } as PrepareUploadInput;
  return (await askHook(context.prepareUpload, input, SEED_FIELD_SCHEMAS[action])) as PreparedFields<A>;
}

/** `prepareSeedFields` for legacy v2 `ApplyUpload` (v2's field names). */
export async function prepareV2Fields(
  context: SeedAsker,
  request: PrepareUploadV2Input['request'],
): Promise<ApplyUploadV2Fields> {
  const v2: PrepareUploadV2Input = {
    caller: context.caller,
    provider: 'tencent',
    action: 'ApplyUpload',
    api: 'v2',
    request,
  };
  return (await askHook(context.prepareUpload, v2, APPLY_UPLOAD_V2_FIELD_SCHEMA)) as ApplyUploadV2Fields;
}

async function askHook(
  hook: PrepareUploadFn | undefined,
  input: PrepareUploadInput,
  schema: (typeof SEED_FIELD_SCHEMAS)[SeedAction],
): Promise<unknown> {
  if (!hook) return {};
  let fields: unknown;
  try {
    fields = await hook(input);
  } catch (error) {
    if (isVodUploadError(error)) throw error;
    throw vodError('internal', `prepareUpload failed for ${input.action}`, {
      provider: input.provider,
      cause: error,
    });
  }
  if (fields === undefined || fields === null) return {};
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // A field of another action (or a typo) is named itself: it has no path of its own.
  const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = unknown ?? (issue?.path.join('.') || '(result)');
  const action = input.api === 'v2' ? 'v2 ApplyUpload' : input.action;
  const why = unknown ? `is not a parameter of ${action}` : (issue?.message ?? 'invalid');
  throw vodError('config_invalid', `prepareUpload: ${action}.${path}: ${why}`, {
    provider: input.provider,
    field: `prepareUpload.${path}`,
  });
}

/**
 * `UserData` as the JSON text the cloud takes, refused (`config_invalid`) over the documented 1024
 * characters. `extend` adds keys to `Extend` (the server's caller binding of URL imports).
 * @see https://help.aliyun.com/zh/vod/developer-reference/request-parameters (UserData)
 */
export function userDataText(
  userData: Record<string, unknown> | undefined,
  extend?: Record<string, string>,
): string | undefined {
  if (!userData && !extend) return undefined;
  const value: Record<string, unknown> = { ...userData };
  if (extend) {
    const own = value.Extend;
    const base =
      typeof own === 'string' ? parseObject(own) : own && typeof own === 'object' ? (own as object) : {};
    value.Extend = { ...base, ...extend };
  }
  const text = JSON.stringify(value);
  if ([...text].length > 1024) {
    throw vodError('config_invalid', 'prepareUpload: UserData: longer than 1024 characters', {
      field: 'prepareUpload.UserData',
    });
  }
  return text;
}

function parseObject(text: string): object {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
