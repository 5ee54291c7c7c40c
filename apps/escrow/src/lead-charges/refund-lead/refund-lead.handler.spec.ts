import type { LeadRefundReason, ServicePrincipal, UserPrincipal } from '#contracts';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { ChargeLeadCommand } from '../charge-lead/charge-lead.command.js';
import { vendorWallet, type EventActor } from '../lead-charge.js';
import { RefundLeadCommand } from './refund-lead.command.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('RefundLeadHandler', () => {
  let harness: ServiceHarness;
  const jobsLeads: ServicePrincipal = { role: 'service', service: 'jobs-leads' };

  /** A funded vendor who paid £10 for a lead under `key`. */
  const paidLead = async () => {
    const vendor: UserPrincipal = { userId: randomUUID(), role: 'vendor' };
    const leadId = randomUUID();
    const key = `lead-accept:${randomUUID()}`;
    await creditAccount(harness, vendorWallet(vendor.userId), 1000);
    const caller = { ...jobsLeads, on_behalf_of: vendor };
    await harness.commands.execute(
      new ChargeLeadCommand(caller, {
        lead_id: leadId,
        vendor_id: vendor.userId,
        amount: 10,
        idempotency_key: key,
      }),
    );
    return { vendor, leadId, key, caller };
  };
  const refund = (
    requester: ServicePrincipal | EventActor,
    leadId: string,
    key: string,
    reason: LeadRefundReason,
  ) =>
    harness.commands.execute(
      new RefundLeadCommand(requester, { lead_id: leadId, charge_key: key, reason }),
    );
  const ledgerOf = async (leadId: string) =>
    (
      await harness.db.query(
        `select t.kind, a.kind as account, e.amount_pence::int as pence
         from escrow.ledger_transaction t
         join escrow.ledger_entry e on e.transaction_id = t.id
         join escrow.account a on a.id = e.account_id
         where t.reference->>'lead_id' = $1 order by e.id`,
        [leadId],
      )
    ).rows;
  const refundEvents = async (leadId: string) =>
    (
      await harness.db.query(
        `select envelope->'actor' as actor, envelope->'payload' as payload from escrow.outbox
         where envelope->>'event_type' = 'LEAD_REFUNDED' and envelope->'subject'->>'id' = $1`,
        [leadId],
      )
    ).rows;

  beforeAll(async () => {
    harness = await ServiceHarness.start('escrow', ESCROW);
  });
  afterAll(() => harness.stop());

  it('returns the policy’s share of the named charge to the vendor and records LEAD_REFUNDED', async () => {
    const { vendor, leadId, key, caller } = await paidLead();
    const reply = await refund(caller, leadId, key, 'customer_dispute');

    expect(reply).toEqual({
      lead_id: leadId,
      transaction_id: expect.any(String),
      reason: 'customer_dispute',
      refunded: 7.5,
      balance: 7.5,
    });
    expect(await ledgerOf(leadId)).toEqual([
      { kind: 'lead_charge', account: 'vendor_wallet', pence: -1000 },
      { kind: 'lead_charge', account: 'platform_revenue', pence: 1000 },
      { kind: 'lead_refund', account: 'platform_revenue', pence: -750 },
      { kind: 'lead_refund', account: 'vendor_wallet', pence: 750 },
    ]);
    expect(await refundEvents(leadId)).toEqual([
      {
        actor: { id: vendor.userId, role: 'vendor' },
        payload: {
          lead_id: leadId,
          vendor_id: vendor.userId,
          transaction_id: reply.transaction_id,
          amount: 7.5,
          reason: 'customer_dispute',
        },
      },
    ]);
  });

  it('answers the same refund again with the first, and another reason with 409', async () => {
    const { leadId, key, caller } = await paidLead();
    const first = await refund(caller, leadId, key, 'duplicate_lead');

    expect(await refund(caller, leadId, key, 'duplicate_lead')).toEqual(first);
    await expect(refund(caller, leadId, key, 'poor_quality')).rejects.toMatchObject({
      code: 'LEAD_ALREADY_REFUNDED',
      status: 409,
    });
    expect(await ledgerOf(leadId)).toHaveLength(4);
    expect(await refundEvents(leadId)).toHaveLength(1);
  });

  it('answers a key the lead was not charged under with 404 and moves nothing', async () => {
    const { leadId, caller } = await paidLead();
    await expect(
      refund(caller, leadId, `lead-accept:${randomUUID()}`, 'duplicate_lead'),
    ).rejects.toMatchObject({ code: 'LEAD_CHARGE_NOT_FOUND', status: 404 });
    expect(await ledgerOf(leadId)).toHaveLength(2);
  });

  it('voids a failed acceptance’s charge that never happened, so a late charge under its key is refused', async () => {
    const { vendor, leadId, caller } = await paidLead();
    const lostKey = `lead-accept:${randomUUID()}`;
    expect(await refund(caller, leadId, lostKey, 'acceptance_failed')).toEqual({
      lead_id: leadId,
      transaction_id: null,
      reason: 'acceptance_failed',
      refunded: 0,
      balance: null,
    });
    const late = harness.commands.execute(
      new ChargeLeadCommand(caller, {
        lead_id: leadId,
        vendor_id: vendor.userId,
        amount: 10,
        idempotency_key: lostKey,
      }),
    );
    await expect(late).rejects.toMatchObject({ code: 'LEAD_CHARGE_VOIDED', status: 409 });
    expect((await ledgerOf(leadId)).filter((entry) => entry.kind === 'lead_refund')).toEqual([]);
  });

  it('names the system as the actor when escrow refunds on its own, for whoever caused it', async () => {
    const { leadId, key } = await paidLead();
    const cancelledBy = randomUUID();
    await refund({ id: cancelledBy, role: 'system' }, leadId, key, 'job_cancelled');
    expect(await refundEvents(leadId)).toEqual([
      expect.objectContaining({ actor: { id: cancelledBy, role: 'system' } }),
    ]);
  });
});
