/** One printed figure of the lifecycle bench, beside the baseline measured in the same run. */
export interface Figure {
  group: string;
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline.value (or the inverse for times, as `higherIsBetter` says). */
  ratio?: number;
  higherIsBetter?: boolean;
  goal?: string;
  met?: boolean;
  /** EXPLAIN (ANALYZE, BUFFERS) text, saved beside the printout when the goal is missed. */
  plan?: string;
  note?: string;
}
