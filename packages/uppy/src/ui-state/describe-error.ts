import { userMessageOf, type VodUploadError } from '@vod-uploader/core';
import type { VodMessages } from './vod-messages.js';

const FOR_PEOPLE = new WeakSet<VodUploadError>();

/**
 * Marks an error whose `message` was written for the person at the screen, in their language (a
 * refusal naming the file and the limit). Every other message is for developers.
 */
export function markForPeople(error: VodUploadError): VodUploadError {
  FOR_PEOPLE.add(error);
  return error;
}

/**
 * The words a person reads for an error: a refusal's own sentence, else core's `userMessageOf`
 * (what happened and what to do, plus the cloud's code and request id when support needs them).
 */
export function describeError(error: VodUploadError, messages: VodMessages): string {
  return FOR_PEOPLE.has(error) ? error.message : userMessageOf(error, messages.locale);
}
