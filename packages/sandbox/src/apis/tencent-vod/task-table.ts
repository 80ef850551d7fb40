import type { SandboxContext } from '../../http/api-module.js';
import { vodTime } from './vod-time.js';

/** What every VOD task record carries, in DescribeTaskDetail's terms. */
export interface VodTaskRecord {
  taskId: string;
  status: 'WAITING' | 'PROCESSING' | 'FINISH';
  createTime: string;
  beginProcessTime: string;
  finishTime: string;
  /** 0 success; 60000 the source is at fault; 70000 internal error (VOD's documented task codes). */
  errCode: number;
  message: string;
  progress: number;
  /** The media the task made or works on; `''` until there is one. */
  fileId: string;
}

/**
 * One kind of background VOD task (PullUpload tasks, procedures), kept in the sandbox state so that
 * DescribeTaskDetail still answers after a restart. A task runs only in the process that started
 * it: on first use per sandbox, every task an earlier process left unfinished is ended the way
 * `interrupted` says (FINISH, ErrCode 70000), as its runner is gone.
 */
export class TaskTable<T extends VodTaskRecord> {
  /** Tasks whose runner lives in this process, per sandbox. */
  private readonly running = new WeakMap<SandboxContext, Set<string>>();

  constructor(
    private readonly collection: string,
    /** The record of a task a restart cut, finished at `finishTime`. */
    private readonly interrupted: (task: T, finishTime: string) => T,
  ) {}

  get(ctx: SandboxContext, taskId: string): T | undefined {
    this.recover(ctx);
    return ctx.state.get<T>(this.collection, taskId);
  }

  list(ctx: SandboxContext): T[] {
    this.recover(ctx);
    return ctx.state.list<T>(this.collection);
  }

  save(ctx: SandboxContext, task: T): T {
    return ctx.state.put(this.collection, task.taskId, task);
  }

  /** Ends a task now (FINISH) with `result`; undefined when the task is gone. */
  finish(ctx: SandboxContext, taskId: string, result: Partial<T>): T | undefined {
    const task = this.get(ctx, taskId);
    if (!task) return undefined;
    return this.save(ctx, { ...task, ...result, status: 'FINISH', finishTime: vodTime(ctx.clock.now()) });
  }

  /** Stores a new task and runs it in the background, as one of this process's. */
  start(ctx: SandboxContext, task: T, run: () => Promise<void>): void {
    this.recover(ctx);
    this.save(ctx, task);
    const running = this.running.get(ctx)!;
    running.add(task.taskId);
    run().finally(() => running.delete(task.taskId));
  }

  private recover(ctx: SandboxContext): void {
    if (this.running.has(ctx)) return;
    this.running.set(ctx, new Set());
    for (const task of ctx.state.list<T>(this.collection)) {
      if (task.status !== 'FINISH') this.save(ctx, this.interrupted(task, vodTime(ctx.clock.now())));
    }
  }
}
