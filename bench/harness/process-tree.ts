import { readdirSync, readFileSync } from 'node:fs';

/** `pid` and every process below it, parents first, read from /proc (Linux). */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    const parent = tree[i] as number;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      continue; // already gone
    }
    // A child hangs under the thread that forked it, so every thread's list is read.
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8').trim();
        if (children) tree.push(...children.split(/\s+/).map(Number));
      } catch {
        // the thread ended while we read
      }
    }
  }
  return tree;
}
