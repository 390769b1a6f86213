export { checkInstance } from './check-instance';
export type { InstanceSummary, InstanceVerdict } from './check-instance';
export type { Problem, ProblemKind } from './check-context';
