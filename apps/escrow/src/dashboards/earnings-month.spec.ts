import { calendarMonthOf } from './earnings-month.js';

describe('calendarMonthOf', () => {
  it('is the UTC month of the instant, from its first millisecond up to the next month’s', () => {
    expect(calendarMonthOf(new Date('2026-12-01T00:00:00.000Z'))).toEqual({
      month: '2026-12',
      from: new Date('2026-12-01T00:00:00.000Z'),
      until: new Date('2027-01-01T00:00:00.000Z'),
    });
    expect(calendarMonthOf(new Date('2026-11-30T23:59:59.999Z')).month).toBe('2026-11');
  });

  it('takes the UTC month, not the local one, for an instant late on a month’s last day elsewhere', () => {
    // 23:30 on 31 March in New York is already April in UTC.
    expect(calendarMonthOf(new Date('2027-03-31T23:30:00-04:00'))).toMatchObject({
      month: '2027-04',
      from: new Date('2027-04-01T00:00:00.000Z'),
    });
  });
});
