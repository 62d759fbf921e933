export * from './check-complaint.ts';
export * from './complaint.ts';
export * from './deadlines.ts';
export * from './remedies.ts';
export * from './tracking-number.ts';
