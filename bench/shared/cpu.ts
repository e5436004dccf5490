import { readdirSync, readFileSync } from 'node:fs';

/** Linux counts process and machine CPU time in ticks of 10 ms (USER_HZ = 100). */
const MS_PER_TICK = 10;

/** CPU time (user + system) a process has used so far, in milliseconds; 0 once it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

/** CPU time the whole machine has spent busy so far (every core), in milliseconds. */
export function machineBusyMs(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const ticks = cpu.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + (steal ?? 0)) * MS_PER_TICK;
}

/** The pid of the first process with this command name (e.g. the MariaDB server). */
export function pidOf(...names: string[]): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (names.includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

/**
 * CPU time spent by named processes, by this process and by the whole machine between
 * `start()` and `stop()`: on a shared machine it shows what else competed for the cores.
 */
export class CpuMeter {
  private before = new Map<string, number>();

  constructor(private readonly pids: Record<string, number | undefined>) {}

  start(): void {
    this.before = this.read();
  }

  /** Milliseconds per name, plus `bench` (this process), `machine` and `rest` (the others). */
  stop(): Record<string, number> {
    const after = this.read();
    const used: Record<string, number> = {};
    for (const [name, value] of after) used[name] = value - (this.before.get(name) ?? 0);
    const named = Object.keys(this.pids).reduce((sum, name) => sum + used[name], 0);
    used.rest = Math.max(0, used.machine - named - used.bench);
    return used;
  }

  private read(): Map<string, number> {
    const values = new Map<string, number>();
    for (const [name, pid] of Object.entries(this.pids)) {
      values.set(name, pid === undefined ? 0 : processCpuMs(pid));
    }
    const self = process.cpuUsage();
    values.set('bench', (self.user + self.system) / 1000);
    values.set('machine', machineBusyMs());
    return values;
  }
}
