import { readFileSync } from 'node:fs';

/** A process's resident memory now and at its peak (`VmHWM`), in MiB; undefined once it has exited. */
export interface Memory {
  rssMiB: number;
  peakRssMiB: number;
}

const field = (status: string, name: string): number | undefined => {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]) / 1024;
};

/** Reads `/proc/PID/status` (Linux), as `ps -o rss=` would but without spawning a process per sample. */
export function readMemory(pid: number): Memory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const rssMiB = field(status, 'VmRSS');
  const peakRssMiB = field(status, 'VmHWM');
  if (rssMiB === undefined || peakRssMiB === undefined) return undefined;
  return { rssMiB, peakRssMiB };
}
