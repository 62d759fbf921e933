export * from './risk-input.ts';
export * from './risk-factor.ts';
export * from './assess-aggregation.ts';
export * from './assess-risk.ts';

export * from './events.ts';
