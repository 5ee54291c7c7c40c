import { leadRefundReason, pounds, ukDateTime } from './notification-text.js';
import type { RuleTable } from './notification-rule.js';

/** Money: escrow, milestones, wallets and payouts (category `payments`, which stays on). */
export const MONEY_RULES: RuleTable = {
  ESCROW_FUNDED: [
    {
      audience: 'customer',
      category: 'payments',
      render: (p) => ({
        title: `${pounds(p.amount)} held in escrow`,
        body: 'It is released to your tradesperson as you approve each milestone.',
      }),
    },
  ],
  ESCROW_REFUNDED: [
    {
      audience: 'customer',
      category: 'payments',
      render: (p) => ({
        title: `${pounds(p.amount)} returned to your wallet`,
        body: 'Money held in escrow for your job is back in your wallet.',
      }),
    },
  ],
  MILESTONE_SUBMITTED: [
    {
      audience: 'customer',
      category: 'payments',
      render: (p) => ({
        title: `Milestone submitted: ${p.title}`,
        body: `Approve it to release ${pounds(p.amount)}, or ask for changes. Unanswered, it is released on ${ukDateTime(p.auto_release_at)}.`,
      }),
    },
  ],
  MILESTONE_CHANGES_REQUESTED: [
    {
      audience: 'vendor',
      category: 'payments',
      render: (p) => ({
        title: 'Changes requested on a milestone',
        body: `The customer asked: "${p.reason}". Submit it again when it is done.`,
      }),
    },
  ],
  MILESTONE_AUTO_RELEASED: [
    {
      audience: 'customer',
      category: 'payments',
      render: (p) => ({
        title: `Milestone released automatically: ${p.title}`,
        body: `It was not answered in time, so ${pounds(p.amount)} went to your tradesperson.`,
      }),
    },
  ],
  FUNDS_RELEASED: [
    {
      audience: 'vendor',
      category: 'payments',
      render: (p) => ({
        title: `Payment released: ${pounds(p.released)}`,
        body: `${pounds(p.amount)} for a milestone, less ${pounds(p.commission)} commission, is in your wallet.`,
      }),
    },
  ],
  WALLET_CREDITED: [
    {
      audience: 'owner',
      category: 'payments',
      render: (p) => ({
        title: `${pounds(p.amount)} added to your wallet`,
        body: `Your balance is ${pounds(p.balance)}.`,
      }),
    },
  ],
  LEAD_REFUNDED: [
    {
      audience: 'owner',
      category: 'payments',
      render: (p) => ({
        title: `Lead fee refunded: ${pounds(p.amount)}`,
        body: `It is back in your wallet because ${leadRefundReason(p.reason)}.`,
      }),
    },
  ],
  PAYOUT_PAID: [
    {
      audience: 'owner',
      category: 'payments',
      render: (p) => ({
        title: `Payout paid: ${pounds(p.amount)}`,
        body: 'It is on its way to your bank account.',
      }),
    },
  ],
  PAYOUT_FAILED: [
    {
      audience: 'owner',
      category: 'payments',
      render: (p) => ({
        title: `Payout failed: ${pounds(p.amount)} is back in your wallet`,
        body: `The bank did not take it (${p.failure_code}). Check your bank details and try again.`,
      }),
    },
  ],
};
