import { register } from 'prom-client';

/** Sum of a metric's samples in this process's registry whose labels include `labels`. */
export async function metricSum(
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = register.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name} is registered`);

  const { values } = await metric.get();
  return values
    .filter((sample) =>
      Object.entries(labels).every(([key, value]) => String(sample.labels[key]) === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}
