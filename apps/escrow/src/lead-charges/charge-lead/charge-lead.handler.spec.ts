import type { ChargeLeadInput, ServicePrincipal, UserPrincipal } from '#contracts';
import { randomUUID } from 'node:crypto';
import { ServiceHarness } from '../../../../../test/support/service-harness.js';
import { ESCROW } from '../../escrow.definition.js';
import { vendorWallet } from '../lead-charge.js';
import { ChargeLeadCommand } from './charge-lead.command.js';
import { creditAccount } from '../../../../../test/support/ledger-funding.js';

describe('ChargeLeadHandler', () => {
  let harness: ServiceHarness;
  const jobsLeads: ServicePrincipal = { role: 'service', service: 'jobs-leads' };
  const forVendor = (vendor: UserPrincipal): ServicePrincipal => ({
    ...jobsLeads,
    on_behalf_of: vendor,
  });
  const newVendor = (): UserPrincipal => ({ userId: randomUUID(), role: 'vendor' });

  const charge = (caller: ServicePrincipal, request: ChargeLeadInput) =>
    harness.commands.execute(new ChargeLeadCommand(caller, request));
  const chargeOf = (vendor: UserPrincipal, pounds: number, leadId = randomUUID()) => ({
    lead_id: leadId,
    vendor_id: vendor.userId,
    amount: pounds,
    idempotency_key: `lead-accept:${randomUUID()}`,
  });
  const fund = (vendor: UserPrincipal, pence: number) =>
    creditAccount(harness, vendorWallet(vendor.userId), pence);
  const entriesOf = async (transactionId: string) =>
    (
      await harness.db.query(
        `select a.kind, a.owner_id, e.amount_pence::int as pence from escrow.ledger_entry e
         join escrow.account a on a.id = e.account_id where e.transaction_id = $1 order by e.amount_pence`,
        [transactionId],
      )
    ).rows;
  const walletEntries = async (vendor: UserPrincipal) =>
    Number(
      (
        await harness.db.query(
          `select count(*) from escrow.ledger_entry e join escrow.account a on a.id = e.account_id
           where a.owner_id = $1`,
          [vendor.userId],
        )
      ).rows[0].count,
    );
  const eventsAbout = async (leadId: string) =>
    (
      await harness.db.query(
        `select envelope->>'event_type' as type, envelope->'actor' as actor, envelope->'payload' as payload
         from escrow.outbox where envelope->'subject'->>'id' = $1 order by seq`,
        [leadId],
      )
    ).rows;

  beforeAll(async () => {
    harness = await ServiceHarness.start('escrow', ESCROW);
  });
  afterAll(() => harness.stop());

  it('moves the price from the vendor’s wallet to platform revenue and records LEAD_CHARGED', async () => {
    const vendor = newVendor();
    await fund(vendor, 1000);
    const request = chargeOf(vendor, 2.5);
    const reply = await charge(forVendor(vendor), request);

    expect(reply).toEqual({
      lead_id: request.lead_id,
      transaction_id: expect.any(String),
      amount: 2.5,
      balance: 7.5,
    });
    expect(await entriesOf(reply.transaction_id)).toEqual([
      { kind: 'vendor_wallet', owner_id: vendor.userId, pence: -250 },
      { kind: 'platform_revenue', owner_id: null, pence: 250 },
    ]);
    expect(await eventsAbout(request.lead_id)).toEqual([
      {
        type: 'LEAD_CHARGED',
        actor: { id: vendor.userId, role: 'vendor' },
        payload: {
          lead_id: request.lead_id,
          vendor_id: vendor.userId,
          transaction_id: reply.transaction_id,
          amount: 2.5,
        },
      },
    ]);
  });

  it('answers the same key with the same charge and moves nothing more', async () => {
    const vendor = newVendor();
    await fund(vendor, 1000);
    const request = chargeOf(vendor, 4);
    const first = await charge(forVendor(vendor), request);
    const again = await charge(forVendor(vendor), request);

    expect(again).toEqual(first);
    expect(await walletEntries(vendor)).toBe(2);
    expect(await eventsAbout(request.lead_id)).toHaveLength(1);
  });

  it('refuses a second charge of a lead while its first is open (409), undoing its posting', async () => {
    const vendor = newVendor();
    await fund(vendor, 1000);
    const leadId = randomUUID();
    await charge(forVendor(vendor), chargeOf(vendor, 3, leadId));

    await expect(charge(forVendor(vendor), chargeOf(vendor, 3, leadId))).rejects.toMatchObject({
      code: 'LEAD_ALREADY_CHARGED',
      status: 409,
    });
    expect(await walletEntries(vendor)).toBe(2);
  });

  it('refuses, moving nothing, a wallet that is not the user’s it acts for (403) or holds too little (402)', async () => {
    const victim = newVendor();
    await fund(victim, 500);
    await expect(charge(forVendor(newVendor()), chargeOf(victim, 5))).rejects.toMatchObject({
      code: 'NOT_YOUR_WALLET',
      status: 403,
    });
    await expect(charge(forVendor(victim), chargeOf(victim, 5.01))).rejects.toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      status: 402,
      details: { required: 5.01, available: 5 },
    });
    expect(await walletEntries(victim)).toBe(1);
  });

  it('lets jobs-leads charge on its own account, the system being the event’s actor', async () => {
    const vendor = newVendor();
    await fund(vendor, 300);
    const request = chargeOf(vendor, 3);
    expect(await charge(jobsLeads, request)).toMatchObject({ balance: 0 });
    expect(await eventsAbout(request.lead_id)).toEqual([
      expect.objectContaining({ actor: { id: vendor.userId, role: 'system' } }),
    ]);
  });
});
