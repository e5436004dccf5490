import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** The soft limit of open files of this process (children inherit it), as `ulimit -n` shows. */
export function openFilesLimit(): string {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    return line?.split(/\s{2,}/)[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Load averages over 1, 5 and 15 minutes, and the cores they share. */
export function loadLine(): string {
  const [one, five, fifteen] = loadavg().map((l) => l.toFixed(2));
  return `load average ${one} / ${five} / ${fifteen} on ${cpus().length} cores`;
}
