import type { ComponentType } from 'react';

/** One entry of the sidebar: a live example and the source it runs. */
export interface Story {
  /** URL hash, e.g. `#/tencent`. */
  id: string;
  title: string;
  /** One or two sentences: what to try. */
  description: string;
  Component: ComponentType;
  /** The story file's own source, shown under the example. */
  source: string;
  /** The example area is drawn dark. */
  dark?: boolean;
}
