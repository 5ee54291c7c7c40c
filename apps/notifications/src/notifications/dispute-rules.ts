import type { DisputeOutcome } from '#contracts';
import type { RuleTable } from './notification-rule.js';
import { pounds, ukDateTime } from './notification-text.js';

const OUTCOMES: Readonly<Record<DisputeOutcome, string>> = {
  release: 'The disputed money goes to the tradesperson',
  refund: 'The disputed money goes back to the customer',
  split: 'The disputed money is shared',
};

const byCustomer = (role: string) => role === 'customer';
const byVendor = (role: string) => role === 'vendor';

/**
 * Disputes (category `disputes`, which stays on): both parties and the admins. What a party did
 * itself is told to the other party (and the admins) only.
 */
export const DISPUTE_RULES: RuleTable = {
  DISPUTE_OPENED: [
    {
      audience: 'customer',
      category: 'disputes',
      render: (p) =>
        byCustomer(p.opened_by_role)
          ? {
              title: 'Your dispute is open',
              body: `${pounds(p.disputed_amount)} is frozen. Your tradesperson has until ${ukDateTime(p.respond_by)} to answer.`,
            }
          : {
              title: 'Your tradesperson opened a dispute',
              body: `${pounds(p.disputed_amount)} is frozen. Answer by ${ukDateTime(p.respond_by)}, or their outcome applies.`,
            },
    },
    {
      audience: 'vendor',
      category: 'disputes',
      render: (p) =>
        byVendor(p.opened_by_role)
          ? {
              title: 'Your dispute is open',
              body: `${pounds(p.disputed_amount)} is frozen. The customer has until ${ukDateTime(p.respond_by)} to answer.`,
            }
          : {
              title: 'The customer opened a dispute',
              body: `${pounds(p.disputed_amount)} is frozen. Answer by ${ukDateTime(p.respond_by)}, or their outcome applies.`,
            },
    },
    {
      audience: 'admins',
      category: 'disputes',
      render: (p) => ({
        title: 'New dispute',
        body: `The ${p.opened_by_role} disputed ${pounds(p.disputed_amount)}; it escalates on ${ukDateTime(p.escalate_at)} if unresolved.`,
      }),
    },
  ],
  DISPUTE_EVIDENCE_ADDED: [
    {
      audience: 'customer',
      category: 'disputes',
      applies: (p) => byVendor(p.author_role),
      render: () => ({
        title: 'New evidence in your dispute',
        body: 'Your tradesperson added evidence. Open the dispute to read it.',
      }),
    },
    {
      audience: 'vendor',
      category: 'disputes',
      applies: (p) => byCustomer(p.author_role),
      render: () => ({
        title: 'New evidence in your dispute',
        body: 'The customer added evidence. Open the dispute to read it.',
      }),
    },
  ],
  DISPUTE_PROPOSAL_MADE: [
    {
      audience: 'customer',
      category: 'disputes',
      applies: (p) => byVendor(p.proposer_role),
      render: (p) => ({
        title: 'Your tradesperson proposed a settlement',
        body: `${pounds(p.vendor_amount)} to them and ${pounds(p.customer_amount)} back to you. You can accept it.`,
      }),
    },
    {
      audience: 'vendor',
      category: 'disputes',
      applies: (p) => byCustomer(p.proposer_role),
      render: (p) => ({
        title: 'The customer proposed a settlement',
        body: `${pounds(p.vendor_amount)} to you and ${pounds(p.customer_amount)} back to them. You can accept it.`,
      }),
    },
  ],
  DISPUTE_ESCALATED: [
    {
      audience: 'customer',
      category: 'disputes',
      render: () => ({
        title: 'Your dispute went to our team',
        body: 'It was not settled in time; an admin will decide it.',
      }),
    },
    {
      audience: 'vendor',
      category: 'disputes',
      render: () => ({
        title: 'Your dispute went to our team',
        body: 'It was not settled in time; an admin will decide it.',
      }),
    },
    {
      audience: 'admins',
      category: 'disputes',
      render: () => ({
        title: 'Dispute escalated',
        body: 'A dispute was not settled in time and waits for a decision.',
      }),
    },
  ],
  DISPUTE_RESOLVED: [
    {
      audience: 'customer',
      category: 'disputes',
      render: (p) => ({
        title: 'Your dispute is resolved',
        body: `${OUTCOMES[p.outcome]}: ${pounds(p.customer_amount)} back to your wallet.`,
      }),
    },
    {
      audience: 'vendor',
      category: 'disputes',
      render: (p) => ({
        title: 'Your dispute is resolved',
        body: `${OUTCOMES[p.outcome]}: ${pounds(Math.round((p.vendor_amount - p.commission) * 100) / 100)} to your wallet after ${pounds(p.commission)} commission.`,
      }),
    },
    {
      audience: 'admins',
      category: 'disputes',
      render: (p) => ({
        title: 'Dispute resolved',
        body: `${OUTCOMES[p.outcome]} (${p.resolution}): ${pounds(p.vendor_amount)} to the vendor, ${pounds(p.customer_amount)} to the customer.`,
      }),
    },
  ],
};
