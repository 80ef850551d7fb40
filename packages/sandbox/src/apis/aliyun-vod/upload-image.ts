import { ALIYUN_BUCKET } from '../../descriptor.js';
import { IMAGE_EXTENSIONS, maxLength, mediaMetadata } from './param-rules.js';
import { encodeUploadAddress, issueUploadAuth, newImageKey, newMediaId } from './upload-auth.js';
import { withoutUndefined } from './upload-video.js';
import type { VodAction } from './vod-action.js';
import { invalid } from './vod-error.js';
import { IMAGES, type ImageRecord, vodTime } from './vod-records.js';

/**
 * CreateUploadImage: an image ID, its public URL and an `UploadAuth` for its one key. Image credentials
 * cannot be refreshed: call it again.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-createuploadimage
 */
export const createUploadImage: VodAction = async (params, ctx) => {
  const imageType = params.required('ImageType');
  if (imageType !== 'default' && imageType !== 'cover')
    throw invalid('ImageType', 'must be "default" or "cover".');
  const extension = (params.get('ImageExt') ?? 'png').toLowerCase();
  if (!IMAGE_EXTENSIONS.has(extension)) throw invalid('ImageExt', 'must be one of png, jpg, jpeg, gif.');
  const metadata = mediaMetadata(params, ALIYUN_BUCKET);
  const bucket = metadata.StorageLocation;
  const key = newImageKey(imageType, extension);
  const url = `${ctx.descriptor.aliyun.ossEndpoint}/${bucket}/${key}`;
  const image = withoutUndefined<ImageRecord>({
    ImageId: newMediaId(),
    ImageType: imageType,
    Title: maxLength(params, 'Title', 128),
    ...metadata,
    OriginalFileName: maxLength(params, 'OriginalFileName', 1024),
    ObjectKey: key,
    URL: url,
    CreationTime: vodTime(ctx.clock.now()),
    Status: 'Uploading',
  });
  ctx.state.put(IMAGES, image.ImageId, image);
  return {
    ImageId: image.ImageId,
    ImageURL: url,
    FileURL: url,
    UploadAddress: encodeUploadAddress(ctx, bucket, key),
    UploadAuth: issueUploadAuth(ctx, bucket, key),
  };
};
