import { pounds, tradespeople, ukDateTime } from './notification-text.js';
import type { RuleTable } from './notification-rule.js';

/** Jobs, leads, quotes and messages: the story of a job until it is awarded, and its end. */
export const MARKETPLACE_RULES: RuleTable = {
  JOB_POSTED: [
    {
      audience: 'customer',
      category: 'leads',
      render: (p) => ({
        title: 'Your job is live',
        body:
          p.leads_assigned === 0
            ? 'No tradesperson matches it yet. We will keep it open until it expires.'
            : `We offered it to ${tradespeople(p.leads_assigned)}. You will hear when one accepts.`,
      }),
    },
  ],
  JOB_EXPIRED: [
    {
      audience: 'customer',
      category: 'leads',
      render: () => ({
        title: 'Your job expired',
        body: 'It closed before a quote was accepted. You can post it again.',
      }),
    },
  ],
  JOB_CANCELLED: [
    {
      audience: 'cancelled_vendors',
      category: 'leads',
      render: () => ({
        title: 'A job you accepted was cancelled',
        body: 'The customer cancelled the job. Half of your lead fee is refunded to your wallet.',
      }),
    },
  ],
  LEAD_OFFERED: [
    {
      audience: 'vendor',
      category: 'leads',
      render: (p) => ({
        title: `New lead: ${p.title}`,
        body: `Accept it by ${ukDateTime(p.expires_at)} to see the customer's details and message them.`,
      }),
    },
  ],
  LEAD_ACCEPTED: [
    {
      audience: 'customer',
      category: 'leads',
      render: () => ({
        title: 'A tradesperson accepted your job',
        body: 'You can now message them, and they can send you a quote.',
      }),
    },
    {
      audience: 'vendor',
      category: 'leads',
      render: () => ({
        title: 'Lead accepted. Messaging enabled.',
        body: "You can now see the customer's contact details and message them.",
      }),
    },
  ],
  LEAD_EXPIRED: [
    {
      audience: 'vendor',
      category: 'leads',
      render: () => ({
        title: 'A lead offer expired',
        body: 'It was not accepted in time and is no longer available.',
      }),
    },
  ],
  QUOTE_SENT: [
    {
      audience: 'customer',
      category: 'quotes',
      render: (p) => ({
        title: `Quote received: ${pounds(p.amount)}`,
        body: `Estimated duration: ${p.estimated_duration}. Open your job to read it and accept it.`,
      }),
    },
  ],
  QUOTE_UPDATED: [
    {
      audience: 'customer',
      category: 'quotes',
      render: (p) => ({
        title: `Quote updated: ${pounds(p.amount)}`,
        body: `Estimated duration: ${p.estimated_duration}. Open your job to read the changes.`,
      }),
    },
  ],
  QUOTE_WITHDRAWN: [
    {
      audience: 'customer',
      category: 'quotes',
      render: () => ({
        title: 'A quote was withdrawn',
        body: 'The tradesperson withdrew their quote for your job.',
      }),
    },
  ],
  QUOTE_REJECTED: [
    {
      audience: 'vendor',
      category: 'quotes',
      render: (p) => ({
        title: 'Your quote was declined',
        body: p.reason
          ? `The customer said: "${p.reason}". You can send a new quote.`
          : 'You can send a new quote.',
      }),
    },
  ],
  QUOTE_ACCEPTED: [
    {
      audience: 'vendor',
      category: 'quotes',
      render: (p) => ({
        title: `Your quote was accepted! ${pounds(p.amount)} job starts now.`,
        body: 'The money is held in escrow and released to you as the customer approves each milestone.',
      }),
    },
    {
      audience: 'other_vendors',
      category: 'quotes',
      render: () => ({
        title: 'This job is no longer available',
        body: 'The customer chose another quote, so your lead on it is closed.',
      }),
    },
  ],
  JOB_COMPLETED: [
    {
      audience: 'customer',
      category: 'reviews',
      render: () => ({
        title: 'Job complete',
        body: 'Every milestone is paid and the job is closed. Thank you for using TradeMatch.',
      }),
    },
  ],
  MESSAGE_SENT: [
    {
      audience: 'counterpart',
      category: 'messages',
      // The service's own lines repeat what another event already told both parties.
      applies: (p) => p.sender_role !== 'system',
      digestKey: (p) => `conversation:${p.conversation_id}`,
      render: (p) => ({
        title:
          p.sender_role === 'customer'
            ? 'New message from your customer'
            : 'New message from your tradesperson',
        body: 'Sign in to read it and reply.',
      }),
    },
  ],
};
