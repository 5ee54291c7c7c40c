import { Job } from '../jobs/job.entity.js';
import { Lead } from '../offers/lead.entity.js';
import { partialPostcode, toVendorLeadView } from './lead-preview.js';

describe('lead preview', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const job = Job.draft(
    {
      customerId: '01a20373-6448-70ee-bd40-0586b9c3dbcb',
      title: 'Fix leaking kitchen tap',
      tradeCategory: 'Plumbing',
      budgetMin: 50,
      budgetMax: 150,
      timeframe: 'urgent',
      postcode: 'SW1A 1AA',
    },
    now,
  );
  job.publish({ name: 'Alice', email: 'Alice@example.com', phone: '07911 123456' }, now, 3600_000);
  const lead = Lead.offer(
    { jobId: job.id, vendorId: 'v1', pricePence: 650, qualityScore: 70 },
    now,
    72 * 3600_000,
  );

  it.each([
    ['SW1A 1AA', 'SW1A 1**'],
    ['M1 1AE', 'M1 1**'],
    ['EC1A 1BB', 'EC1A 1**'],
    [null, 'HIDDEN'],
  ])('shows %p as %p', (postcode, partial) => {
    expect(partialPostcode(postcode)).toBe(partial);
  });

  it('hides the customer and the full postcode until the lead is accepted', () => {
    const view = toVendorLeadView(lead, job);
    expect(view).toMatchObject({
      status: 'offered',
      lead_price: 6.5,
      customer_name: 'HIDDEN',
      customer_email: 'HIDDEN',
      customer_phone: 'HIDDEN',
      conversation_id: null,
      job: { postcode: 'SW1A 1**', title: 'Fix leaking kitchen tap' },
    });
    expect(JSON.stringify(view)).not.toMatch(/Alice|alice@|447911|SW1A 1AA/);
  });

  it('reveals the customer once the vendor has accepted', () => {
    const accepted = Lead.offer(
      { jobId: job.id, vendorId: 'v1', pricePence: 650, qualityScore: 70 },
      now,
      72 * 3600_000,
    );
    accepted.claim('saga-1', 'live');
    const { conversationId } = accepted.accept('saga-1', 'live', now, null);
    expect(toVendorLeadView(accepted, job)).toMatchObject({
      customer_name: 'Alice',
      customer_email: 'alice@example.com',
      customer_phone: '+447911123456',
      conversation_id: conversationId,
      job: { postcode: 'SW1A 1AA' },
    });
  });
});
