// Order statistics by the nearest-rank method: pN is the smallest sample with at least
// N % of the samples at or below it; the median of an even count is the mean of the two
// middle samples.

export function quantile(values, q) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const rank = Math.max(1, Math.ceil(q * v.length));
  return v[rank - 1];
}

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export function summary(values) {
  const v = values.filter((x) => Number.isFinite(x));
  if (!v.length) return { n: 0, median: null, p90: null, p95: null, min: null, max: null };
  return {
    n: v.length,
    median: median(v),
    p90: quantile(v, 0.9),
    p95: quantile(v, 0.95),
    min: Math.min(...v),
    max: Math.max(...v),
  };
}

export const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
