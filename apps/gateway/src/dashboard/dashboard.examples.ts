/** What the API document shows as the dashboard's answers, one per audience. */
export const DASHBOARD_EXAMPLES = {
  customer: {
    summary: "A customer's dashboard",
    value: {
      role: 'customer',
      jobs: {
        status: 'available',
        by_status: {
          draft: 1,
          live: 2,
          awarding: 0,
          in_progress: 1,
          completed: 0,
          closed: 3,
          cancelled: 0,
          expired: 0,
          disputed: 0,
        },
        quotes_awaiting_decision: {
          count: 1,
          items: [
            {
              quote_id: '019ad5a0-6c1e-7d2a-9b61-4f7e2c1a9b10',
              job_id: '019ad59f-0b4e-7c11-8f3d-2a6b9e4c7d01',
              job_title: 'Fix leaking kitchen tap',
              vendor_id: '019ad590-2f7a-7e45-a1c8-6d3b5f9e2a44',
              business_name: 'Plumbing Specialists',
              amount: 120,
              created_at: '2026-12-01T10:15:00.000Z',
            },
          ],
        },
      },
      escrow: {
        status: 'available',
        wallet_balance: 180,
        milestones_awaiting_approval: {
          count: 1,
          items: [
            {
              milestone_id: '019ad5b2-91c4-7a3e-b2d7-8e1f4a6c3b55',
              escrow_account_id: '019ad5b1-4d2e-7f6a-9c3b-1e8d7a2f6c90',
              job_id: '019ad5a8-7e3f-7b2c-8d4a-5f1e9c6b2a77',
              title: 'Hang the doors',
              amount: 200,
              status: 'submitted',
              submitted_at: '2026-12-01T09:00:00.000Z',
              auto_release_at: '2026-12-15T09:00:00.000Z',
            },
          ],
        },
      },
      messages: { status: 'available', unread_count: 3, conversations_with_unread: 2 },
      notifications: { status: 'available', unread_count: 5 },
    },
  },
  vendor: {
    summary: "A vendor's dashboard while notifications did not answer in time",
    value: {
      role: 'vendor',
      jobs: {
        status: 'available',
        new_leads: { count: 2, soonest_expires_at: '2026-12-03T10:15:00.000Z' },
        accepted_leads_without_quote: 1,
        pending_quotes: 1,
        rating: 4.17,
        review_count: 1,
      },
      escrow: {
        status: 'available',
        wallet_balance: 335,
        milestones_to_submit: {
          count: 1,
          items: [
            {
              milestone_id: '019ad5b2-91c4-7a3e-b2d7-8e1f4a6c3b56',
              escrow_account_id: '019ad5b1-4d2e-7f6a-9c3b-1e8d7a2f6c90',
              job_id: '019ad5a8-7e3f-7b2c-8d4a-5f1e9c6b2a77',
              title: 'Fit the handles',
              amount: 100,
              status: 'pending',
              submitted_at: null,
              auto_release_at: null,
            },
          ],
        },
        earnings_this_month: { month: '2026-12', released: 200, commission: 10, net: 190 },
      },
      messages: { status: 'available', unread_count: 0, conversations_with_unread: 0 },
      notifications: { status: 'unavailable' },
    },
  },
};
