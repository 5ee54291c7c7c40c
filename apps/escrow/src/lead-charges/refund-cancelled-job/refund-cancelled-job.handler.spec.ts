import type { ServicePrincipal } from '#contracts';
import type { Command } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { ChargeLeadCommand } from '../charge-lead/charge-lead.command.js';
import { vendorWallet } from '../lead-charge.js';
import { RefundLeadCommand } from '../refund-lead/refund-lead.command.js';
import { RefundCancelledJobCommand } from './refund-cancelled-job.command.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('RefundCancelledJobHandler', () => {
  let harness: ServiceHarness;
  const jobsLeads: ServicePrincipal = { role: 'service', service: 'jobs-leads' };
  const vendorId = randomUUID();

  const execute = <R>(command: Command<R>): Promise<R> => harness.commands.execute(command);
  // A vendor's keys are theirs across leads: jobs-leads puts the lead and the attempt in them.
  const keyOf = (leadId: string, attempt: number) => `lead-accept:${leadId}:${attempt}`;
  const chargeLead = (leadId: string, attempt: number) =>
    execute(
      new ChargeLeadCommand(jobsLeads, {
        lead_id: leadId,
        vendor_id: vendorId,
        amount: 10,
        idempotency_key: keyOf(leadId, attempt),
      }),
    );
  const chargesOf = async (leadId: string) =>
    (
      await harness.db.query(
        `select refund_reason, refunded_pence::int from escrow.lead_charge
         where lead_id = $1 order by created_at`,
        [leadId],
      )
    ).rows;
  const balance = async () =>
    Number(
      (
        await harness.db.query(
          `select balance_pence from escrow.account where kind = 'vendor_wallet' and owner_id = $1`,
          [vendorId],
        )
      ).rows[0].balance_pence,
    );

  beforeAll(async () => {
    harness = await ServiceHarness.start('escrow', ESCROW);
    await creditAccount(harness, vendorWallet(vendorId), 5000);
  });
  afterAll(() => harness.stop());

  it('refunds half of each accepted lead’s open charge, and leaves alone what has none', async () => {
    const [paid, retried, disputed, unpaid] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    await chargeLead(paid, 1);
    // A first acceptance that failed was refunded in full; the second attempt paid again.
    await chargeLead(retried, 1);
    await execute(
      new RefundLeadCommand(jobsLeads, {
        lead_id: retried,
        charge_key: keyOf(retried, 1),
        reason: 'acceptance_failed',
      }),
    );
    await chargeLead(retried, 2);
    await chargeLead(disputed, 1);
    await execute(
      new RefundLeadCommand(jobsLeads, {
        lead_id: disputed,
        charge_key: keyOf(disputed, 1),
        reason: 'customer_dispute',
      }),
    );
    expect(await balance()).toBe(5000 - 4 * 1000 + 1000 + 750);

    const cancelledBy = randomUUID();
    await execute(new RefundCancelledJobCommand(cancelledBy, [paid, retried, disputed, unpaid]));

    expect(await chargesOf(paid)).toEqual([
      { refund_reason: 'job_cancelled', refunded_pence: 500 },
    ]);
    expect(await chargesOf(retried)).toEqual([
      { refund_reason: 'acceptance_failed', refunded_pence: 1000 },
      { refund_reason: 'job_cancelled', refunded_pence: 500 },
    ]);
    expect(await chargesOf(disputed)).toEqual([
      { refund_reason: 'customer_dispute', refunded_pence: 750 },
    ]);
    expect(await chargesOf(unpaid)).toEqual([]);
    expect(await balance()).toBe(2750 + 2 * 500);
    const actors = await harness.db.query(
      `select distinct envelope->'actor' as actor from escrow.outbox
       where envelope->>'event_type' = 'LEAD_REFUNDED' and envelope->'payload'->>'reason' = 'job_cancelled'
         and envelope->'subject'->>'id' = any($1)`,
      [[paid, retried]],
    );
    expect(actors.rows).toEqual([{ actor: { id: cancelledBy, role: 'system' } }]);
  });

  it('refunds every other lead when one lead’s refund fails, then fails so that it is retried', async () => {
    const [first, last] = [randomUUID(), randomUUID()];
    await chargeLead(first, 1);
    await chargeLead(last, 1);
    const before = await balance();
    // The database refuses this lead's lookup: a fault in one lead, not in the whole job.
    const broken = 'not-a-lead-id';
    const cancellation = new RefundCancelledJobCommand(randomUUID(), [first, broken, last]);

    await expect(execute(cancellation)).rejects.toThrow(/invalid input syntax for type uuid/);
    expect(await chargesOf(first)).toEqual([
      { refund_reason: 'job_cancelled', refunded_pence: 500 },
    ]);
    expect(await chargesOf(last)).toEqual([
      { refund_reason: 'job_cancelled', refunded_pence: 500 },
    ]);
    expect(await balance()).toBe(before + 1000);

    // The retry refunds nothing twice.
    await expect(execute(cancellation)).rejects.toThrow(/invalid input syntax/);
    await execute(new RefundCancelledJobCommand(randomUUID(), [first, last]));
    expect(await balance()).toBe(before + 1000);
  });
});
