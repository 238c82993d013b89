// The arithmetic of speedup tables: medians, spread, parallel efficiency,
// the Karp–Flatt serial fraction and Amdahl's projection to more cores.

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Half the range, relative to the median: ±x% around it. */
export function spread(xs: readonly number[]): number {
  return (Math.max(...xs) - Math.min(...xs)) / 2 / median(xs);
}

/** Speedup S on p threads per thread: 1 is perfect. */
export function efficiency(speedup: number, p: number): number {
  return speedup / p;
}

/**
 * Karp–Flatt: the serial fraction e that would explain speedup S on p
 * threads, e = (1/S − 1/p) / (1 − 1/p). It counts per-iteration overhead as
 * serial work, so a rising e with p means overhead grows with threads.
 */
export function karpFlatt(speedup: number, p: number): number {
  if (p < 2) return NaN;
  return (1 / speedup - 1 / p) / (1 - 1 / p);
}

/** Amdahl: speedup on n threads of a job whose serial fraction is e. */
export function amdahl(e: number, n: number): number {
  return 1 / (e + (1 - e) / n);
}

/** The first quartile, the median and the third, by linear interpolation between order statistics. */
export function quartiles(xs: readonly number[]): [number, number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => {
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    return lo + 1 < s.length ? s[lo] + (i - lo) * (s[lo + 1] - s[lo]) : s[lo];
  };
  return [at(0.25), median(s), at(0.75)];
}
