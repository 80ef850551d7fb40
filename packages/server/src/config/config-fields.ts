import { z } from 'zod';

/** A required option's text: trimmed, not empty (an unset environment variable is refused). */
export const text = z.string().trim().min(1, 'must not be empty');

/** An http(s) URL: a cloud API endpoint, the legacy v2 API URL. */
export const httpUrl = z.url({ protocol: /^https?$/ });
