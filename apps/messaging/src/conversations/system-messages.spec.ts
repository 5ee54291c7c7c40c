import { systemMessageFor } from './system-messages.js';

describe('system messages', () => {
  it('tells both participants about the events that change their conversation', () => {
    expect(systemMessageFor('LEAD_ACCEPTED')).toBe('Lead accepted. Messaging enabled.');
    expect(systemMessageFor('JOB_CANCELLED')).toBe('Job cancelled. Messaging is now read-only.');
  });

  it('stays silent about events without a row', () => {
    expect(systemMessageFor('JOB_UPDATED')).toBeNull();
  });
});
