import { z } from 'zod';
import type { SeedAction } from './prepare-upload.js';

/**
 * Light checks of `prepareUpload` results, with the bounds the seeds document: enough to turn a
 * hook's mistake into a `config_invalid` naming the field rather than a cloud refusal the user
 * would read as theirs. The cloud still has the last word.
 */
const text = (max: number) => z.string().min(1).max(max);
const nonNegative = z.number().int().nonnegative();
const iso8601 = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, {
  message: 'must be an ISO 8601 time such as 2027-01-01T00:00:00Z',
});
const httpUrl = z.url({ protocol: /^https?$/ }).max(1024);
const aliyunTags = z
  .array(
    z
      .string()
      .min(1)
      .max(32)
      .regex(/^[^,]+$/, 'must not contain commas'),
  )
  .max(16);
/** A JSON object, given as one or as its text; ≤ 1024 characters once serialised. */
const userData = z.union([z.string(), z.record(z.string(), z.unknown())]).transform((value, ctx) => {
  let parsed: unknown;
  try {
    parsed = typeof value === 'string' ? JSON.parse(value) : value;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
    return z.NEVER;
  }
  return parsed as Record<string, unknown>;
});

const tencentCommon = {
  MediaName: text(64).optional(),
  Procedure: text(128).optional(),
  ExpireTime: iso8601.optional(),
  StorageRegion: text(64).optional(),
  ClassId: nonNegative.optional(),
  SourceContext: z.string().max(250).optional(),
  SessionContext: z.string().max(1000).optional(),
  ExtInfo: z.string().max(1000).optional(),
  SubAppId: z.number().int().positive().optional(),
};

const { SubAppId: _subAppId, ...withoutSubAppId } = tencentCommon;

const aliyunCommon = {
  Title: text(128).optional(),
  Description: z.string().max(1024).optional(),
  CateId: nonNegative.optional(),
  Tags: aliyunTags.optional(),
  StorageLocation: text(128).optional(),
  AppId: text(64).optional(),
  UserData: userData.optional(),
};

/** One strict schema per seed action: a field of another action is refused, not dropped. */
export const SEED_FIELD_SCHEMAS: Record<SeedAction, z.ZodType> = {
  ApplyUpload: z.strictObject(tencentCommon),
  // No SubAppId: the task route must find the task under the configured sub-application.
  PullUpload: z.strictObject({
    ...withoutSubAppId,
    TasksPriority: z.number().int().min(-10).max(10).optional(),
    MediaStoragePath: z
      .string()
      .regex(/^\/\S+$/, 'must be a path starting with "/"')
      .max(1024)
      .optional(),
  }),
  CreateUploadVideo: z.strictObject({
    ...aliyunCommon,
    CoverURL: httpUrl.optional(),
    TemplateGroupId: text(64).optional(),
    WorkflowId: text(64).optional(),
    ReferenceId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{6,64}$/, 'must be 6-64 of letters, digits, "-" and "_"')
      .optional(),
  }),
  CreateUploadImage: z.strictObject({
    ...aliyunCommon,
    OriginalFileName: text(1024).optional(),
  }),
  UploadMediaByURL: z.strictObject({
    ...aliyunCommon,
    TemplateGroupId: text(64).optional(),
    WorkflowId: text(64).optional(),
  }),
};

/**
 * Legacy v2 `ApplyUpload`'s fields, by v2's names; strict like the others.
 * @see https://cloud.tencent.com/document/product/266/9756
 */
export const APPLY_UPLOAD_V2_FIELD_SCHEMA: z.ZodType = z.strictObject({
  videoName: text(64).optional(),
  coverName: text(64).optional(),
  procedure: text(128).optional(),
});
