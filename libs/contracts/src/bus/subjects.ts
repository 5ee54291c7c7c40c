/** Request/reply subjects: `<service>.<aggregate>.<verb>`. */
export const Subjects = {
  jobs: {
    create: 'jobs.job.create',
    get: 'jobs.job.get',
    list: 'jobs.job.list',
    putVendorProfile: 'jobs.vendor-profile.put',
    getVendorProfile: 'jobs.vendor-profile.get',
    publish: 'jobs.job.publish',
    update: 'jobs.job.update',
    cancel: 'jobs.job.cancel',
    listLeads: 'jobs.lead.list',
    getLead: 'jobs.lead.get',
    acceptLead: 'jobs.lead.accept',
    declineLead: 'jobs.lead.decline',
  },
  escrow: {
    getWallet: 'escrow.wallet.get',
    deposit: 'escrow.wallet.deposit',
    paymentWebhook: 'escrow.payment.webhook',
    chargeLead: 'escrow.lead.charge',
    refundLead: 'escrow.lead.refund',
  },
  notifications: {
    listJobEvents: 'notifications.event.list-for-job',
  },
  messaging: {
    listConversations: 'messaging.conversation.list',
    listMessages: 'messaging.message.list',
    sendMessage: 'messaging.message.send',
    markRead: 'messaging.conversation.mark-read',
  },
} as const;

/** Queue groups: replicas of one service share its subjects. */
export const QueueGroups = {
  gateway: 'gateway',
  jobsLeads: 'jobs-leads',
  messaging: 'messaging',
  escrow: 'escrow',
  notifications: 'notifications',
} as const;

export type ServiceName = (typeof QueueGroups)[keyof typeof QueueGroups];
