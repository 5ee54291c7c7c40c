/** A calendar month in UTC: `month` is `YYYY-MM`, from its first instant up to the next's. */
export interface CalendarMonth {
  month: string;
  from: Date;
  until: Date;
}

/** The UTC calendar month `now` falls in. */
export function calendarMonthOf(now: Date): CalendarMonth {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return {
    month: `${year}-${String(month + 1).padStart(2, '0')}`,
    from: new Date(Date.UTC(year, month, 1)),
    until: new Date(Date.UTC(year, month + 1, 1)),
  };
}
