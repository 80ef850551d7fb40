/**
 * COS v5 regions of the legacy v2 storage region codes. v2 `ApplyUpload` answers short codes
 * (`gzp` in its example, beside the bucket `6c0f1c00vodgzp251000333`); COS v5 (cos-js-sdk-v5) takes
 * `ap-*` names. **The documents are silent**: the v2 ApplyUpload page gives `gzp` only, and a search
 * of the stored Tencent docs found no table of v2 codes. The table below is a decision: COS's former
 * (JSON/XML v4 API) region abbreviations, gz → ap-guangzhou, sh → ap-shanghai, tj → ap-beijing-1,
 * bj → ap-beijing, cd → ap-chengdu, cq → ap-chongqing, hk → ap-hongkong, sgp → ap-singapore,
 * ca → na-toronto, ger → eu-frankfurt (as COS's region page listed them; not checked against a stored
 * copy), with VOD's `p` suffix accepted for each since `gzp` carries one. An unknown code is refused
 * by the decoder rather than guessed.
 * @see https://cloud.tencent.com/document/product/266/1967 (v2 ApplyUpload, archived: `storageRegion: "gzp"`)
 * @see https://cloud.tencent.com/document/product/436/6224 (COS regions and access domains)
 */
export const TENCENT_V2_REGIONS: Readonly<Record<string, string>> = {
  gz: 'ap-guangzhou',
  sh: 'ap-shanghai',
  tj: 'ap-beijing-1',
  bj: 'ap-beijing',
  cd: 'ap-chengdu',
  cq: 'ap-chongqing',
  hk: 'ap-hongkong',
  sgp: 'ap-singapore',
  ca: 'na-toronto',
  ger: 'eu-frankfurt',
};

/**
 * The COS v5 region of a v2 `storageRegion` (`gzp` → `ap-guangzhou`); a v5 name (`ap-…`, `na-…`,
 * `eu-…`) is kept as it is. Undefined for a code the table does not know.
 */
export function cosRegionOfV2(code: string): string | undefined {
  const lower = code.toLowerCase();
  if (/^[a-z]{2}-[a-z]+(-\d+)?$/.test(lower)) return lower;
  if (Object.hasOwn(TENCENT_V2_REGIONS, lower)) return TENCENT_V2_REGIONS[lower];
  const bare = lower.replace(/p$/, '');
  return Object.hasOwn(TENCENT_V2_REGIONS, bare) ? TENCENT_V2_REGIONS[bare] : undefined;
}

/**
 * The COS v5 bucket of a v2 `storageBucket`: COS v5 names a bucket `<name>-<APPID>`, v2 answers the
 * name alone (`6c0f1c00vodgzp251000333`). The v2 answer does not say which APPID owns VOD's
 * storage bucket, so the endpoint states it (its `legacyV2.appId`); a name that already ends in
 * `-<digits>` is kept.
 */
export function cosBucketOfV2(name: string, appId: string): string {
  return /-\d+$/.test(name) ? name : `${name}-${appId}`;
}
