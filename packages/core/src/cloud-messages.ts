import { codeForCloudCode } from './cloud-error.js';
import type { VodUploadErrorCode } from './errors.js';
import type { ProviderKey } from './provider.js';

/** What one cloud error code means to us: our error code and a sentence for people in each locale. */
export interface CloudMessage {
  /** The code's class in the one table (`classifyCloudError`); the words are for exactly that class. */
  readonly errorCode: VodUploadErrorCode;
  /** What happened and what the user or the site owner can do; never a code. */
  readonly en: string;
  readonly zhCN: string;
}

type Words = Pick<CloudMessage, 'en' | 'zhCN'>;
type CloudMessageTable = Readonly<Record<string, Words>>;

function say(en: string, zhCN: string): Words {
  return { en, zhCN };
}

// Read where the code is still a refusal; the server turns a refusal of its own key into `internal`
// (the one table marks those codes `ownKeyRefused`), and `internal` keeps its own sentence.
const OUR_KEY = say(
  "The site's video cloud account refused the server's key. The site owner must check the key and its permissions.",
  '视频云拒绝了网站服务器的密钥，请网站管理员检查密钥及其权限。',
);
const SIGNATURE_TIME = say(
  'The request was signed too long ago or with a wrong clock. Please try again; if it keeps failing, the site owner should check the server clock.',
  '请求签名已过期或服务器时间不准，请重试；如仍失败，请网站管理员检查服务器时间。',
);
const BAD_REQUEST = say(
  'The video service did not accept the settings of this upload. The site owner should check the upload settings.',
  '视频服务不接受本次上传的参数设置，请网站管理员检查上传设置。',
);
const INTERNAL = say(
  'The video service had an internal error. Please try again in a few minutes.',
  '视频服务内部出错，请几分钟后重试。',
);
const THROTTLED = say(
  'The video service is receiving too many requests from this site. Please wait a minute and try again.',
  '视频服务收到本网站的请求过多，请稍等一分钟后重试。',
);
const OPERATION_FAILED = say(
  'The video service could not carry out the upload. Please try again; if it fails again, contact the site owner.',
  '视频服务未能完成本次上传，请重试；如仍失败，请联系网站管理员。',
);
const SUB_APP = say(
  'The video application this site uploads to does not exist or is not enabled. The site owner must check its application id.',
  '本网站上传到的视频应用不存在或未启用，请网站管理员检查应用 ID。',
);
const EXPIRE_TIME = say(
  'The upload was given an expiry time the video service does not accept. The site owner must check the expiry setting.',
  '视频服务不接受为本次上传设置的过期时间，请网站管理员检查过期时间设置。',
);
const STORAGE_REGION = say(
  'The storage region set for uploads is not available to this video account. The site owner must check the region setting.',
  '上传设置的存储地域对该视频账号不可用，请网站管理员检查地域设置。',
);
const NO_VIDEO = say(
  'The video service no longer knows this video. Please upload it again.',
  '视频服务中已找不到这个视频，请重新上传。',
);
const MISSING = say(
  'The upload request lacked something the video service requires. The site owner should check the upload settings.',
  '上传请求缺少视频服务要求的参数，请网站管理员检查上传设置。',
);
const NOT_SUPPORTED = say(
  'The server called the video service in a way it does not support (action, version or region). The site owner must check the server setup.',
  '服务器调用视频服务的方式不受支持（接口、版本或地域），请网站管理员检查服务器配置。',
);
const QUOTA = say(
  'The video account has reached a limit of its plan. The site owner must raise the quota or free up space.',
  '视频账号已达到套餐限额，请网站管理员提升配额或释放空间。',
);

/**
 * Tencent Cloud VOD: API 3.0 `ApplyUpload`, `PullUpload` (and `CommitUpload`) codes, their common
 * codes, and the legacy v2 numeric `code`s (4000–7000 common, 32001 internal) as strings.
 * @see https://www.tencentcloud.com/document/product/266/33413 (ApplyUpload: error codes)
 * @see https://www.tencentcloud.com/document/api/266/34130 (PullUpload: error codes)
 * @see https://www.tencentcloud.com/document/api/266/34188 (VOD common error codes)
 * @see https://cloud.tencent.com/document/api/213/6982 (legacy v2 common error codes)
 */
const TENCENT: CloudMessageTable = {
  'AuthFailure.InvalidAuthorization': OUR_KEY,
  'AuthFailure.InvalidSecretId': OUR_KEY,
  'AuthFailure.SecretIdNotFound': OUR_KEY,
  'AuthFailure.SignatureFailure': OUR_KEY,
  'AuthFailure.TokenFailure': OUR_KEY,
  'AuthFailure.UnauthorizedOperation': OUR_KEY,
  UnauthorizedOperation: OUR_KEY,
  'AuthFailure.SignatureExpire': SIGNATURE_TIME,
  FailedOperation: OPERATION_FAILED,
  'FailedOperation.InvalidVodUser': say(
    'Video on demand is not activated for this site’s cloud account. The site owner must activate it.',
    '本网站的云账号尚未开通云点播服务，请网站管理员开通。',
  ),
  'FailedOperation.MediaType': say(
    'The video service could not recognise the media at this link. Please check that the link points to a video or audio file.',
    '视频服务无法识别该链接中的媒体，请确认链接指向视频或音频文件。',
  ),
  InternalError: INTERNAL,
  'InternalError.GetFileInfoError': say(
    'The video service could not read the uploaded file’s information. Please try again in a few minutes.',
    '视频服务无法读取已上传文件的信息，请几分钟后重试。',
  ),
  'InternalError.UploadCoverImageError': say(
    'The video service could not store the cover image. Please try again in a few minutes.',
    '视频服务未能保存封面图片，请几分钟后重试。',
  ),
  InvalidParameter: BAD_REQUEST,
  InvalidParameterValue: BAD_REQUEST,
  UnknownParameter: BAD_REQUEST,
  MissingParameter: MISSING,
  'InvalidParameter.ExpireTime': EXPIRE_TIME,
  'InvalidParameterValue.ExpireTime': EXPIRE_TIME,
  'InvalidParameter.StorageRegion': STORAGE_REGION,
  'InvalidParameterValue.StorageRegion': STORAGE_REGION,
  'InvalidParameterValue.SubAppId': SUB_APP,
  'InvalidParameterValue.MediaType': say(
    'The video service does not accept this type of video or audio file. Please choose a file in another format.',
    '视频服务不接受此类型的视频或音频文件，请选择其他格式的文件。',
  ),
  'InvalidParameterValue.CoverType': say(
    'The video service does not accept this type of cover image. Please choose a jpg, png or gif image.',
    '视频服务不接受此类型的封面图片，请选择 jpg、png 或 gif 图片。',
  ),
  'ResourceNotFound.CoverUrl': say(
    'The cover image could not be fetched from its address. Please check the cover link or choose another image.',
    '无法从该地址获取封面图片，请检查封面链接或选择其他图片。',
  ),
  'InvalidParameterValue.VodSessionKey': say(
    'The upload session is no longer valid, so the upload could not be finished. Please upload the file again.',
    '上传会话已失效，无法完成上传，请重新上传该文件。',
  ),
  'InvalidParameterValue.MediaUrl': say(
    'This link cannot be imported. Please check that it is a public http or https address of a media file.',
    '无法导入此链接，请确认它是媒体文件的公开 http 或 https 地址。',
  ),
  'InvalidParameterValue.MediaStoragePath': say(
    'The storage path set for this upload is not valid. The site owner must check the storage path setting.',
    '本次上传设置的存储路径无效，请网站管理员检查存储路径设置。',
  ),
  'InvalidParameterValue.SessionId': say(
    'The video service already imported this link in the last 3 days, so it was not imported again. Look for the earlier video, or retry to import it as a new one.',
    '视频服务在最近 3 天内已导入过此链接，因此未再次导入。请查找之前的视频，或重试以作为新视频导入。',
  ),
  'InvalidParameterValue.SessionIdTooLong': say(
    'The import’s de-duplication key is longer than the video service allows. The site owner must shorten it.',
    '导入任务的去重标识超出视频服务允许的长度，请网站管理员缩短。',
  ),
  'InvalidParameterValue.SessionContextTooLong': say(
    'The context attached to this upload is longer than the video service allows. The site owner must shorten it.',
    '附加在本次上传上的上下文信息超出视频服务允许的长度，请网站管理员缩短。',
  ),
  'InvalidParameterValue.Procedure': say(
    'The processing task set for uploads does not exist in the video account. The site owner must check the task flow name.',
    '上传设置的处理任务流在视频账号中不存在，请网站管理员检查任务流名称。',
  ),
  'ResourceNotFound.FileNotExist': NO_VIDEO,
  'ResourceNotFound.TaskNotExist': say(
    'The video service no longer knows this import task. Please import the link again.',
    '视频服务中已找不到这个导入任务，请重新导入该链接。',
  ),
  LimitExceeded: QUOTA,
  RequestLimitExceeded: THROTTLED,
  InvalidAction: NOT_SUPPORTED,
  NoSuchVersion: NOT_SUPPORTED,
  UnsupportedOperation: NOT_SUPPORTED,
  UnsupportedProtocol: NOT_SUPPORTED,
  UnsupportedRegion: NOT_SUPPORTED,
  // Legacy v2 (`vod.api.qcloud.com/v2`): numeric codes.
  '4000': BAD_REQUEST,
  '4100': OUR_KEY,
  '4101': OUR_KEY,
  '4102': OUR_KEY,
  '4103': OUR_KEY,
  '4104': OUR_KEY,
  '4110': OUR_KEY,
  '4300': say(
    'The site’s video cloud account is suspended or in arrears. The site owner must settle the account.',
    '本网站的视频云账号已被冻结或欠费，请网站管理员处理账号。',
  ),
  '4400': QUOTA,
  '4200': SIGNATURE_TIME,
  '4500': SIGNATURE_TIME,
  '4600': NOT_SUPPORTED,
  '4700': OUR_KEY,
  '5000': NO_VIDEO,
  '5100': OPERATION_FAILED,
  '5200': OPERATION_FAILED,
  '5300': OPERATION_FAILED,
  '6000': INTERNAL,
  '6100': NOT_SUPPORTED,
  '6200': say(
    'The video service’s upload interface is temporarily closed. Please try again later.',
    '视频服务的上传接口暂时无法访问，请稍后再试。',
  ),
  '32001': INTERNAL,
};

/**
 * Alibaba Cloud ApsaraVideo VOD: `CreateUploadVideo`, `CreateUploadImage` (and `RefreshUploadVideo`)
 * codes and the POP gateway's common ones.
 * @see https://api.aliyun.com/document/vod/2017-03-21/errorCode
 * @see https://help.aliyun.com/document_detail/55407.html (CreateUploadVideo)
 * @see https://help.aliyun.com/document_detail/55619.html (CreateUploadImage)
 */
const ALIYUN: CloudMessageTable = {
  SignatureDoesNotMatch: OUR_KEY,
  'InvalidAccessKeyId.NotFound': OUR_KEY,
  'InvalidAccessKeyId.Inactive': OUR_KEY,
  'InvalidSecurityToken.MismatchWithAccessKey': OUR_KEY,
  'Forbidden.RAM': OUR_KEY,
  Forbidden: OUR_KEY,
  'InvalidTimeStamp.Expired': SIGNATURE_TIME,
  'InvalidSecurityToken.Expired': SIGNATURE_TIME,
  'InvalidTimeStamp.Format': NOT_SUPPORTED,
  InvalidSignatureMethod: NOT_SUPPORTED,
  InvalidSignatureVersion: NOT_SUPPORTED,
  InvalidVersion: NOT_SUPPORTED,
  'InvalidAction.NotFound': NOT_SUPPORTED,
  UnsupportedHTTPMethod: NOT_SUPPORTED,
  SignatureNonceUsed: say(
    'The video service saw this request twice and refused the repeat. Please try again.',
    '视频服务认为该请求重复提交而拒绝，请重试。',
  ),
  Throttling: THROTTLED,
  'Throttling.User': THROTTLED,
  'Throttling.Api': THROTTLED,
  InternalError: INTERNAL,
  ServiceUnavailable: say(
    'The video service is temporarily overloaded or under maintenance. Please try again in a few minutes.',
    '视频服务暂时过载或正在维护，请几分钟后重试。',
  ),
  InvalidParameter: BAD_REQUEST,
  MissingTitle: say(
    'The video needs a title. Please give it one and upload again.',
    '视频需要标题，请填写标题后重新上传。',
  ),
  MissingFileName: say(
    'The video service needs the file’s name. Please choose the file again.',
    '视频服务需要文件名，请重新选择文件。',
  ),
  MissingImageType: MISSING,
  'InvalidFileName.Extension': say(
    'The video service does not accept files with this extension. Please choose a file in a supported format.',
    '视频服务不接受此扩展名的文件，请选择支持格式的文件。',
  ),
  'InvalidParameter.Title': say(
    'The video title is longer than the video service allows (128 characters). Please shorten it.',
    '视频标题超出视频服务允许的长度（128 个字符），请缩短。',
  ),
  'InvalidParameter.FileName': say(
    'The file name is longer than the video service allows. Please rename the file and choose it again.',
    '文件名超出视频服务允许的长度，请重命名文件后重新选择。',
  ),
  'InvalidParameter.Description': say(
    'The description is longer than the video service allows. Please shorten it.',
    '描述超出视频服务允许的长度，请缩短。',
  ),
  'InvalidParameter.FileSize': say(
    'The video service does not accept this file size. Please check the file and choose it again.',
    '视频服务不接受该文件大小，请检查文件后重新选择。',
  ),
  'InvalidParameter.Tags': say(
    'The tags of this upload are too many or too long. Please shorten them and try again.',
    '本次上传的标签过多或过长，请精简后重试。',
  ),
  'InvalidParameter.UserData': say(
    'The data the site attached to this upload is not valid. The site owner must check the callback settings it sends.',
    '网站附加在本次上传上的数据无效，请网站管理员检查所发送的回调设置。',
  ),
  'InvalidParameter.ReferenceId': say(
    'The site’s reference id for this upload is not valid. The site owner must check how it is made.',
    '网站为本次上传设置的自定义 ID 无效，请网站管理员检查其生成方式。',
  ),
  'InvalidParameter.ReferenceIdExisted': say(
    'A video with the same reference id already exists. The site owner must use a new reference id for each upload.',
    '已存在相同自定义 ID 的视频，请网站管理员为每次上传使用新的自定义 ID。',
  ),
  'InvalidParameter.ImageType': say(
    'The kind of image (cover or default) sent to the video service is not valid. The site owner must check the image settings.',
    '发送给视频服务的图片类型（封面或普通）无效，请网站管理员检查图片设置。',
  ),
  'InvalidParameter.ImageExt': say(
    'The video service does not accept this image format. Please choose a png, jpg, jpeg or gif image.',
    '视频服务不接受此图片格式，请选择 png、jpg、jpeg 或 gif 图片。',
  ),
  'InvalidStorage.NotFound': say(
    'The storage location set for uploads does not exist in the video account. The site owner must check it.',
    '上传设置的存储地址在视频账号中不存在，请网站管理员检查。',
  ),
  'InvalidTemplateGroupId.NotFound': say(
    'The transcoding template group set for uploads does not exist. The site owner must check its id.',
    '上传设置的转码模板组不存在，请网站管理员检查其 ID。',
  ),
  'InvalidCateId.NotFound': say(
    'The category set for uploads does not exist. The site owner must check its id.',
    '上传设置的分类不存在，请网站管理员检查分类 ID。',
  ),
  'InvalidVideo.NotFound': NO_VIDEO,
  'InvalidVideo.Damaged': say(
    'The video service marked this video as damaged. Please upload the file again as a new video.',
    '视频服务已将该视频标记为损坏，请将文件作为新视频重新上传。',
  ),
  'InvalidImage.NotFound': say(
    'The video service no longer knows this image. Please upload it again.',
    '视频服务中已找不到这张图片，请重新上传。',
  ),
};

const TABLES: Readonly<Partial<Record<ProviderKey, CloudMessageTable>>> = {
  tencent: TENCENT,
  aliyun: ALIYUN,
};

/**
 * The sentence for people, in en and zh-CN, of a VOD cloud's own error code (per provider), with
 * the code's class from the one table (`classifyCloudError`, which lists every worded code).
 * `userMessageOf` speaks it when an error carries a `cloudCode` of that class; codes it lacks fall
 * back to the per-code sentence.
 *
 * @example
 * cloudMessageOf('tencent', 'ResourceNotFound.CoverUrl')?.en // 'The cover image could not be fetched …'
 */
export function cloudMessageOf(
  provider: ProviderKey | undefined,
  cloudCode: string,
): CloudMessage | undefined {
  if (!provider) return undefined;
  const table = TABLES[provider];
  const words = table && Object.hasOwn(table, cloudCode) ? table[cloudCode] : undefined;
  return words && { errorCode: codeForCloudCode(cloudCode, provider), ...words };
}

/** The cloud codes of a provider that have their own sentence (each listed in the one table too). */
export function wordedCloudCodes(provider: ProviderKey): readonly string[] {
  return Object.keys(TABLES[provider] ?? {});
}
