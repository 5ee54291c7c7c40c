import type { RuleTable } from './notification-rule.js';

const stars = (rating: number) => `${rating} out of 5`;

/**
 * Reviews (category `reviews`): a published review to its vendor, a published response to the
 * customer, anything held for moderation to the admins, and a moderator's refusal to its author.
 */
export const REVIEW_RULES: RuleTable = {
  REVIEW_POSTED: [
    {
      audience: 'vendor',
      category: 'reviews',
      applies: (p) => p.status === 'published',
      render: (p) => ({
        title: `New review: ${stars(p.rating)}`,
        body: 'The customer reviewed your work. You can respond to it once.',
      }),
    },
    {
      audience: 'admins',
      category: 'reviews',
      applies: (p) => p.status === 'pending_moderation',
      render: () => ({
        title: 'A review waits for moderation',
        body: 'Approve or reject it in the moderation queue.',
      }),
    },
  ],
  REVIEW_RESPONDED: [
    {
      audience: 'customer',
      category: 'reviews',
      applies: (p) => p.status === 'published',
      render: () => ({
        title: 'The tradesperson responded to your review',
        body: 'Their response is now shown with your review.',
      }),
    },
    {
      audience: 'admins',
      category: 'reviews',
      applies: (p) => p.status === 'pending_moderation',
      render: () => ({
        title: 'A review response waits for moderation',
        body: 'Approve or reject it in the moderation queue.',
      }),
    },
  ],
  REVIEW_MODERATED: [
    {
      audience: 'vendor',
      category: 'reviews',
      applies: (p) => p.target === 'review' && p.decision === 'approve',
      render: () => ({
        title: 'New review',
        body: 'A review of your work was approved and published. You can respond to it once.',
      }),
    },
    {
      audience: 'customer',
      category: 'reviews',
      applies: (p) => p.target === 'review' && p.decision === 'reject',
      render: () => ({
        title: 'Your review was not published',
        body: 'It did not meet our review guidelines.',
      }),
    },
    {
      audience: 'customer',
      category: 'reviews',
      applies: (p) => p.target === 'response' && p.decision === 'approve',
      render: () => ({
        title: 'The tradesperson responded to your review',
        body: 'Their response is now shown with your review.',
      }),
    },
    {
      audience: 'vendor',
      category: 'reviews',
      applies: (p) => p.target === 'response' && p.decision === 'reject',
      render: () => ({
        title: 'Your response was not published',
        body: 'It did not meet our review guidelines.',
      }),
    },
  ],
};
