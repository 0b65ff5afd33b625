import { readFileSync } from 'node:fs';

// Linux reports process times in clock ticks; 100 a second on every common kernel configuration.
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) a process has used so far, from `/proc/PID/stat`; undefined once it
 * has exited. On a shared machine this tells what a request costs when wall-clock req/s cannot.
 */
export function readCpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces, inside parentheses): utime is 14th, stime 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / TICKS_PER_SECOND : undefined;
}
