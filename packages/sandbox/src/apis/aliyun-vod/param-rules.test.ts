import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../../../tests/support/code-of.js';
import {
  appId,
  integer,
  mediaExtension,
  mediaMetadata,
  referenceId,
  storageLocation,
  tags,
  userData,
} from './param-rules.js';
import { RpcParams } from './rpc-params.js';

describe('VOD parameter rules', () => {
  it('takes the extension of a Windows or POSIX path, case-insensitively', () => {
    expect(mediaExtension('C:\\v\\Holiday.MOV')).toBe('mov');
    expect(mediaExtension('/a/b.c/d.mp3')).toBe('mp3');
    expect(codeOf(() => mediaExtension('noext'))).toBe('InvalidFileName.Extension');
    expect(codeOf(() => mediaExtension('.mp4'))).toBe('InvalidFileName.Extension');
    expect(codeOf(() => mediaExtension('doc.pdf'))).toBe('InvalidFileName.Extension');
  });

  it('Tags: ≤ 16, each 1–32 characters (code points), trimmed', () => {
    expect(tags(RpcParams.of({ Tags: ' a , b ' }))).toBe('a,b');
    expect(tags(RpcParams.of({ Tags: '漢'.repeat(32) }))).toBe('漢'.repeat(32));
    expect(codeOf(() => tags(RpcParams.of({ Tags: 'a,,b' })))).toBe('InvalidParameter.Tags');
    expect(codeOf(() => tags(RpcParams.of({ Tags: Array(17).fill('t').join(',') })))).toBe(
      'InvalidParameter.Tags',
    );
  });

  it('UserData must be a JSON object; ReferenceId 6–64 safe characters; integers; AppId; bucket', () => {
    expect(userData(RpcParams.of({ UserData: '{"a":1}' }))).toBe('{"a":1}');
    expect(codeOf(() => userData(RpcParams.of({ UserData: '"s"' })))).toBe('InvalidParameter.UserData');
    expect(referenceId(RpcParams.of({ ReferenceId: 'abc-12_X' }))).toBe('abc-12_X');
    expect(codeOf(() => referenceId(RpcParams.of({ ReferenceId: 'a'.repeat(65) })))).toBe(
      'InvalidParameter.ReferenceId',
    );
    expect(integer(RpcParams.of({ FileSize: '0' }), 'FileSize')).toBe(0);
    expect(codeOf(() => integer(RpcParams.of({ FileSize: '1e3' }), 'FileSize'))).toBe(
      'InvalidParameter.FileSize',
    );
    expect(appId(RpcParams.of({}))).toBe('app-1000000');
    expect(storageLocation(RpcParams.of({}), 'outin-sandbox')).toBe('outin-sandbox');
    expect(codeOf(() => storageLocation(RpcParams.of({ StorageLocation: 'x' }), 'outin-sandbox'))).toBe(
      'InvalidStorage.NotFound',
    );
  });

  it('reads the descriptive fields videos and images share, with their defaults and checks', () => {
    expect(mediaMetadata(RpcParams.of({ Tags: ' a , b ', CateId: '7' }), 'outin-sandbox')).toEqual({
      Description: undefined,
      CateId: 7,
      Tags: 'a,b',
      StorageLocation: 'outin-sandbox',
      UserData: undefined,
      AppId: 'app-1000000',
    });
    const tooLong = RpcParams.of({ Description: 'd'.repeat(1025) });
    expect(codeOf(() => mediaMetadata(tooLong, 'outin-sandbox'))).toBe('InvalidParameter.Description');
  });

  it('treats an empty value as absent and names a missing one Missing<Name>', () => {
    expect(RpcParams.of({ Title: '' }).get('Title')).toBeUndefined();
    expect(codeOf(() => RpcParams.of({}).required('Title'))).toBe('MissingTitle');
  });
});
