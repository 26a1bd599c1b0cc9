// A test hook for the kill tests: MSDEMO_KILL_AT=<point> makes the process
// SIGKILL itself at that point (e.g. `record:database`, right after the
// database step records its first id; `done:network`, right after a step ends).
// Unset in normal use, where it costs one string comparison.

export function faultPoint(point: string): void {
  if (process.env.MSDEMO_KILL_AT === point) process.kill(process.pid, "SIGKILL");
}
