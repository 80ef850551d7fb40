import { type ProviderKey, supportedVideoExtensions, vodError } from '@vod-uploader/core';
import type { ClientSettableField, UploadPolicy } from '../config/vod-handler-config.js';
import { DEFAULT_IMAGE_EXTENSIONS } from './media-extensions.js';
import { UrlImportGuard } from './url-import-guard.js';

/** The policy with its defaults applied, built once per handler. */
export class ResolvedPolicy {
  /** `policy.allowedExtensions`; without it each provider's default list applies. */
  private readonly media: ReadonlySet<string> | undefined;
  private readonly images: ReadonlySet<string>;
  private readonly clientFields: ReadonlySet<ClientSettableField>;
  readonly maxFileSize: number | undefined;
  /** Where URL imports may point (`policy.urlImport`). */
  readonly urlImport: UrlImportGuard;

  constructor(policy: UploadPolicy = {}) {
    const lower = (list: readonly string[]) =>
      new Set(list.map((ext) => ext.toLowerCase().replace(/^\./, '')));
    this.media = policy.allowedExtensions ? lower(policy.allowedExtensions) : undefined;
    this.images = lower(policy.allowedImageExtensions ?? DEFAULT_IMAGE_EXTENSIONS);
    this.clientFields = new Set(policy.allowClientFields ?? []);
    this.maxFileSize = policy.maxFileSize;
    this.urlImport = new UrlImportGuard(policy.urlImport);
  }

  /**
   * Refuses a media extension the policy does not allow: `allowedExtensions` when set, else the
   * provider's default list (`supportedVideoExtensions`: what that cloud accepts).
   */
  checkMediaExtension(extension: string, field: string, provider: ProviderKey): void {
    const allowed = this.media ?? new Set(supportedVideoExtensions(provider));
    if (!allowed.has(extension.toLowerCase())) {
      throw vodError('policy_refused', `${field}: files of type "${printable(extension)}" are not accepted`, {
        field,
      });
    }
  }

  /** Refuses an image extension the policy (and, when given, the cloud) does not allow. */
  checkImageExtension(extension: string, field: string, cloudAllows?: readonly string[]): void {
    const ext = extension.toLowerCase();
    if (!this.images.has(ext) || (cloudAllows && !cloudAllows.includes(ext))) {
      throw vodError(
        'policy_refused',
        `${field}: images of type "${printable(extension)}" are not accepted`,
        {
          field,
        },
      );
    }
  }

  /**
   * Refuses a file over the maximum size, or of unknown size when there is a maximum (unless
   * `optional`: images, whose size clients may not state, are checked only when they do).
   */
  checkFileSize(size: number | undefined, field = 'fileSize', optional = false): void {
    if (this.maxFileSize === undefined || (size === undefined && optional)) return;
    if (size === undefined) {
      throw vodError('policy_refused', `${field}: required, files are limited to ${this.maxFileSize} bytes`, {
        field,
      });
    }
    if (size > this.maxFileSize) {
      throw vodError('policy_refused', `${field}: ${size} bytes is over the limit of ${this.maxFileSize}`, {
        field,
      });
    }
  }

  /** Refuses a request that sets a field the policy keeps for the server. */
  checkClientFields(body: object, fields: readonly ClientSettableField[]): void {
    for (const field of fields) {
      if ((body as Record<string, unknown>)[field] !== undefined && !this.clientFields.has(field)) {
        throw vodError('policy_refused', `${field}: set by the server; clients may not choose it`, { field });
      }
    }
  }

  /** The client's value when the policy lets it choose, else the server's. */
  pick<T>(body: object, field: ClientSettableField, serverValue: T | undefined): T | undefined {
    const client = (body as Record<string, unknown>)[field] as T | undefined;
    return client !== undefined && this.clientFields.has(field) ? client : serverValue;
  }
}

// Echoing user input into a message is fine in JSON, but keep it short and plain.
function printable(value: string): string {
  return value.replace(/[^\w.-]/g, '?').slice(0, 32);
}
