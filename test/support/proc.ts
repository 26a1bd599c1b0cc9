// The machine's processes as Linux /proc shows them, for tests and benchmarks
// that check what msdemo leaves running or how much memory a tree holds.
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessInfo {
  pid: number;
  parent: number;
  /** The program's name (at most 15 characters, as the kernel keeps it). */
  name: string;
  /** Start time in clock ticks since boot: with the pid, it tells a reused pid apart. */
  started: string;
  /** Resident memory now, in kB. */
  rssKB: number;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // the process ended meanwhile
  }
}

/** One process, or undefined once it has ended. */
export function processInfo(pid: number): ProcessInfo | undefined {
  const stat = read(`/proc/${pid}/stat`);
  const status = read(`/proc/${pid}/status`);
  if (!stat || !status) return undefined;
  // Fields after the name, which sits in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return {
    pid,
    parent: Number(fields[1]),
    name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
    started: fields[19] ?? "",
    rssKB: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0),
  };
}

export function listProcesses(): ProcessInfo[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => processInfo(Number(name)) ?? []);
}

/** `roots` and every process under them. */
export function processTree(roots: number[], all: ProcessInfo[] = listProcesses()): ProcessInfo[] {
  const inTree = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all)
      if (!inTree.has(p.pid) && inTree.has(p.parent)) {
        inTree.add(p.pid);
        grew = true;
      }
  }
  return all.filter((p) => inTree.has(p.pid));
}

/** The process's command line, arguments separated by NUL; "" once it has ended. */
export const commandLine = (pid: number): string => read(`/proc/${pid}/cmdline`) ?? "";
