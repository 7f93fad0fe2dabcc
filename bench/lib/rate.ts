export interface Rate {
  perSecond: number;
  perCpuSecond: number;
}

/** Calls `run(i)` for i = 0, 1, 2 … until at least `seconds` have passed (after a short warm-up), on this thread. */
export function measureRate(run: (i: number) => unknown, seconds: number): Rate {
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink += run(i) ? 1 : 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let done = 0;
  while (performance.now() - start < seconds * 1000) {
    for (let k = 0; k < 1000; k++, done++) sink += run(done) ? 1 : 0;
  }
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  if (sink < 0) console.log(sink); // keeps the results alive
  return { perSecond: done / wall, perCpuSecond: done / ((used.user + used.system) / 1e6) };
}
