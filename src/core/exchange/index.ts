export { EXCHANGE_DENIALS, deny, denialMessage, type ExchangeDenial, type ExchangeDenialCode } from './exchange-denial.ts';
export { decide, EXCHANGE_OPERATIONS, MAX_PAGE, DEFAULT_PAGE, type ExchangeAsk, type ExchangeDecision, type ExchangeObligations, type ExchangeOperation } from './decide.ts';
export { rowScopePrefixes } from './row-scope.ts';
export { subjectRegionCode } from './subject-region.ts';
export { requestHash, type RequestHashInput } from './request-hash.ts';
