import { CloudCallError } from './cloud-call-error.js';
import { mapCloudError } from './map-cloud-error.js';

/** True when a cloud call failed because the thing it named does not exist (by the one error table). */
export function isCloudNotFound(error: unknown): boolean {
  return error instanceof CloudCallError && mapCloudError(error).code === 'not_found';
}
