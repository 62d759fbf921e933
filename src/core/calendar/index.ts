export * from './calendar-date.ts';
export * from './check-holiday-schedule.ts';
export * from './default-calendar.ts';
export * from './holiday-schedules.ts';
export * from './shanghai-time.ts';
export * from './working-calendar.ts';
export * from './working-days.ts';
export * from './working-hours.ts';
