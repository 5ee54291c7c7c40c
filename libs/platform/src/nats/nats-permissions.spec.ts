import { readFileSync } from 'node:fs';
import path from 'node:path';
import { natsAuthorizationConfig, natsPermissionsOf } from './nats-permissions.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

describe('the NATS permissions generated from the contracts', () => {
  it('are what the committed k8s/nats/tradematch-auth.conf grants (npm run nats:config)', () => {
    const committed = readFileSync(path.join(ROOT, 'k8s/nats/tradematch-auth.conf'), 'utf8');
    const upToDate = committed === natsAuthorizationConfig();
    expect({ upToDate, fix: upToDate ? null : 'npm run nats:config' }).toEqual({
      upToDate: true,
      fix: null,
    });
  });

  it('let a service publish its own events only, and request only the services it calls', () => {
    const jobsLeads = natsPermissionsOf('jobs-leads');
    expect(jobsLeads.publish).toEqual(
      expect.arrayContaining(['events.jobs-leads.>', 'escrow.lead.charge', 'escrow.lead.refund']),
    );
    expect(jobsLeads.publish.filter((subject) => subject.startsWith('events.'))).toEqual([
      'events.jobs-leads.>',
    ]);
    expect(jobsLeads.publish).not.toContain('escrow.wallet.get');

    const gateway = natsPermissionsOf('gateway');
    expect(gateway.publish).toEqual(
      expect.arrayContaining(['jobs.job.create', 'escrow.wallet.get', 'escrow.payment.webhook']),
    );
    expect(gateway.publish).not.toContain('escrow.lead.charge');
    // Identity's events (USER_REGISTERED) only.
    expect(gateway.publish.filter((subject) => subject.startsWith('events.'))).toEqual([
      'events.gateway.>',
    ]);
    expect(natsPermissionsOf('notifications').publish).not.toContain('escrow.lead.charge');
  });

  it('let a service serve its own subjects, on its own inbox, with its own consumers', () => {
    const escrow = natsPermissionsOf('escrow');
    expect(escrow.subscribe).toEqual(
      expect.arrayContaining(['_INBOX.escrow.>', 'escrow.lead.charge', 'escrow.wallet.get']),
    );
    expect(escrow.subscribe.some((subject) => subject.startsWith('jobs.'))).toBe(false);
    expect(escrow.subscribe.filter((subject) => subject.startsWith('_INBOX'))).toEqual([
      '_INBOX.escrow.>',
    ]);
    expect(escrow.publish).toEqual(
      expect.arrayContaining([
        '$JS.API.CONSUMER.MSG.NEXT.TRADEMATCH_EVENTS.escrow-job-cancellations',
        '$JS.ACK.TRADEMATCH_EVENTS.escrow-job-cancellations.>',
        'deadletter.escrow-job-cancellations.>',
      ]),
    );
    expect(escrow.publish.join(' ')).not.toMatch(/messaging-job-events|notifications-event-log/);
    expect(natsPermissionsOf('gateway').subscribe).toEqual(['_INBOX.gateway.>']);
  });
});
