// CPU time, not the wall clock: on a shared machine the wall clock counts other processes too.
export const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs `fn`, prints its CPU ms under `label` (padded to `width`), and returns its result. */
export const cpuTimer = (width: number) => <T>(label: string, fn: () => T): T => {
  const t = cpuMs();
  const r = fn();
  console.log(`  ${label.padEnd(width)} ${(cpuMs() - t).toFixed(0).padStart(6)} CPU ms`);
  return r;
};
