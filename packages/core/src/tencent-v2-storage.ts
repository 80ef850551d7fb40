/**
 * COS v5 regions of the legacy v2 storage region codes. v2 `ApplyUpload` answers the short codes of
 * Tencent's older (XML v4 / JSON) COS API; COS v5 (cos-js-sdk-v5) takes `ap-*` names. The table is
 * COS's own correspondence of old and new region names (gz → ap-guangzhou, sh → ap-shanghai,
 * tj → ap-beijing-1, bj → ap-beijing, cd → ap-chengdu, cq → ap-chongqing, hk → ap-hongkong,
 * sgp → ap-singapore, ca → na-toronto, ger → eu-frankfurt). VOD's codes carry a `p` suffix
 * (`gzp`, the code of the v2 documentation's example, and of its bucket `6c0f1c00vodgzp251000333`);
 * the v2 documentation lists no other code, so the same suffix is accepted for every region: a
 * decision, not a documented fact.
 * @see https://cloud.tencent.com/document/product/436/6224 (COS regions and their former names)
 * @see https://cloud.tencent.com/document/product/266/9756 (v2 ApplyUpload, archived: `storageRegion: "gzp"`)
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
