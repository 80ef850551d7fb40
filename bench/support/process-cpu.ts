import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS = 100;

/**
 * CPU seconds (user + system) used so far by this process and every live descendant: the bench,
 * the sandbox, the endpoint and Chromium's processes (browser, renderers, GPU, network service).
 * On a machine shared with other work, wall time of a loopback upload swings with the load; the CPU
 * an upload costs the machine does much less, so it tells a real saving from a lucky moment.
 * Linux only (reads /proc); elsewhere 0.
 */
export function processTreeCpuSeconds(root = process.pid): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const pid of entries) {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields start after the last ')'.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      // state ppid … utime(14) stime(15) cutime(16) cstime(17): indexes shifted by the 2 fields cut.
      stats.set(Number(pid), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let ticks = 0;
  const visit = (pid: number) => {
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return ticks / TICKS;
}
