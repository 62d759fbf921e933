export * from './bulletin.ts';
export * from './check-bulletin.ts';
export * from './standing.ts';
