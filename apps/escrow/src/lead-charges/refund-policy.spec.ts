import { refundPence } from './refund-policy.js';

describe('lead refund policy', () => {
  it.each([
    ['customer_unresponsive', 1250, 1250],
    ['invalid_contact', 250, 250],
    ['duplicate_lead', 2500, 2500],
    ['customer_dispute', 1000, 750],
    ['customer_dispute', 250, 188],
    ['job_cancelled', 1250, 625],
    ['poor_quality', 251, 126],
    ['acceptance_failed', 1250, 1250],
  ] as const)('refunds %s of %p pence with %p pence', (reason, charged, refunded) => {
    expect(refundPence(charged, reason)).toBe(refunded);
  });
});
