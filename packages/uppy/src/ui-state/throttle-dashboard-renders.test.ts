import Uppy, { BasePlugin, type Body, type DefinePluginOpts, type Meta, type PluginOpts } from '@uppy/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttleDashboardRenders } from './throttle-dashboard-renders.js';
import type { VodUppy } from './vod-uppy.js';

/** Stands for the Dashboard: an `orchestrator` plugin that records each state it is asked to draw. */
class FakeDashboard extends BasePlugin<DefinePluginOpts<PluginOpts, never>, Meta, Body> {
  readonly drawn: unknown[] = [];
  constructor(uppy: Uppy<Meta, Body>, opts: { id: string }) {
    super(uppy, opts);
    this.id = opts.id;
    this.type = 'orchestrator';
  }
  override update(state: unknown): void {
    this.drawn.push(state);
  }
}

/** A plugin of another type, which must be left as it is. */
class Other extends FakeDashboard {
  constructor(uppy: Uppy<Meta, Body>, opts: { id: string }) {
    super(uppy, opts);
    this.type = 'modifier';
  }
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function withPlugins() {
  const core = new Uppy<Meta, Body>();
  core.use(FakeDashboard, { id: 'Dashboard' });
  core.use(Other, { id: 'Other' });
  const uppy = core as unknown as VodUppy;
  const dashboard = uppy.getPlugin('Dashboard') as unknown as FakeDashboard;
  const other = uppy.getPlugin('Other') as unknown as FakeDashboard;
  return { uppy, dashboard, other };
}

describe('throttleDashboardRenders', () => {
  it('draws the first change at once and a burst of 100 as one trailing draw of the last state', () => {
    const { uppy, dashboard, other } = withPlugins();
    throttleDashboardRenders(uppy, 100);
    uppy.setMeta({ n: 0 });
    expect(dashboard.drawn).toHaveLength(1);
    for (let n = 1; n <= 100; n++) uppy.setMeta({ n });
    expect(dashboard.drawn).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(dashboard.drawn).toHaveLength(2);
    expect((dashboard.drawn[1] as { meta: { n: number } }).meta.n).toBe(100);
    // Plugins that are not the Dashboard still hear every change.
    expect(other.drawn).toHaveLength(101);
  });

  it('restores the plugin: every change draws again, and a pending draw is dropped', () => {
    const { uppy, dashboard } = withPlugins();
    const restore = throttleDashboardRenders(uppy, 100);
    uppy.setMeta({ n: 1 });
    uppy.setMeta({ n: 2 });
    restore();
    vi.advanceTimersByTime(200);
    expect(dashboard.drawn).toHaveLength(1);
    uppy.setMeta({ n: 3 });
    uppy.setMeta({ n: 4 });
    expect(dashboard.drawn).toHaveLength(3);
  });
});
