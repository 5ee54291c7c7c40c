import type { EventEnvelope } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { JobAudienceMember } from './job-audience.entity.js';
import { audienceJoining, awardRevealedBy, leadRevealedBy } from './job-audience.js';
import { JobAward } from './job-award.entity.js';
import { JobLead } from './job-lead.entity.js';

/**
 * Who takes part in each job, learned from the events themselves in any order: every event that
 * names a customer, a vendor, a lead or an award adds what it names, and nothing is ever taken
 * back. Both the audit trail and the notifications learn through it, each in its own
 * transaction; the upserts make that harmless.
 */
@Injectable()
export class JobParticipantsRepository {
  async learn(em: EntityManager, event: EventEnvelope): Promise<void> {
    for (const member of audienceJoining(event)) {
      await em.execute(
        `insert into notifications.job_audience (job_id, user_id, role) values (?, ?, ?) on conflict do nothing`,
        [member.jobId, member.userId, member.role],
      );
    }
    const lead = leadRevealedBy(event);
    if (lead) {
      await em.execute(
        `insert into notifications.job_lead (lead_id, job_id, vendor_id, conversation_id, accepted)
         values (?, ?, ?, ?, ?)
         on conflict (lead_id) do update set accepted = job_lead.accepted or excluded.accepted`,
        [lead.leadId, lead.jobId, lead.vendorId, lead.conversationId, lead.accepted],
      );
    }
    const award = awardRevealedBy(event);
    if (award) {
      await em.execute(
        `insert into notifications.job_award (job_id, vendor_id, event_id, payload) values (?, ?, ?, ?)
         on conflict do nothing`,
        [award.jobId, award.vendorId, award.eventId, JSON.stringify(award.payload)],
      );
    }
  }

  async isMember(em: EntityManager, jobId: string, userId: string): Promise<boolean> {
    return (await em.count(JobAudienceMember, { jobId, userId })) > 0;
  }

  async customerOf(em: EntityManager, jobId: string): Promise<string | null> {
    const member = await em.findOne(JobAudienceMember, { jobId, role: 'customer' });
    return member?.userId ?? null;
  }

  lead(em: EntityManager, leadId: string): Promise<JobLead | null> {
    return em.findOne(JobLead, { leadId });
  }

  leadOfConversation(em: EntityManager, conversationId: string): Promise<JobLead | null> {
    return em.findOne(JobLead, { conversationId });
  }

  acceptedLeads(em: EntityManager, jobId: string): Promise<JobLead[]> {
    return em.find(JobLead, { jobId, accepted: true }, { orderBy: { leadId: 'asc' } });
  }

  award(em: EntityManager, jobId: string): Promise<JobAward | null> {
    return em.findOne(JobAward, { jobId });
  }
}
