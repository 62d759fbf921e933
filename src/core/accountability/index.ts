export * from './attribution.ts';
export * from './case.ts';
export * from './check-case.ts';
