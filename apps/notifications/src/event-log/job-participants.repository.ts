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
  /**
   * Adds what the event names, in one statement. With `lock`, that statement first takes the
   * transaction-scoped advisory lock of that name, which serialises the caller's work on the job:
   * every insert reads from the lock's row, so none runs before it is held (no row lock is ever
   * taken before the advisory lock, so two consumers cannot deadlock), and the upserts act on
   * the latest committed rows whatever the statement's snapshot. The caller's reads come in
   * later statements, which see everything committed before the lock was granted.
   */
  async learn(em: EntityManager, event: EventEnvelope, lock?: string): Promise<void> {
    const parts: string[] = [];
    const params: unknown[] = [];
    const afterLock = lock ? ' from locked' : '';
    if (lock) {
      parts.push('locked as (select pg_advisory_xact_lock(hashtextextended(?, 0)))');
      params.push(lock);
    }
    const members = audienceJoining(event);
    if (members.length > 0) {
      parts.push(`members as (
        insert into notifications.job_audience (job_id, user_id, role)
        select v.job_id::uuid, v.user_id::uuid, v.role from${lock ? ' locked,' : ''}
          (values ${members.map(() => '(?, ?, ?)').join(', ')}) as v (job_id, user_id, role)
        on conflict do nothing)`);
      params.push(...members.flatMap((member) => [member.jobId, member.userId, member.role]));
    }
    const lead = leadRevealedBy(event);
    if (lead) {
      parts.push(`revealed_lead as (
        insert into notifications.job_lead (lead_id, job_id, vendor_id, conversation_id, accepted)
        select ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::boolean${afterLock}
        on conflict (lead_id) do update set accepted = job_lead.accepted or excluded.accepted)`);
      params.push(lead.leadId, lead.jobId, lead.vendorId, lead.conversationId, lead.accepted);
    }
    const award = awardRevealedBy(event);
    if (award) {
      parts.push(`revealed_award as (
        insert into notifications.job_award (job_id, vendor_id, event_id, payload)
        select ?::uuid, ?::uuid, ?::uuid, ?::jsonb${afterLock}
        on conflict do nothing)`);
      params.push(award.jobId, award.vendorId, award.eventId, JSON.stringify(award.payload));
    }
    if (parts.length === 0) return;
    await em.execute(`with ${parts.join(',\n')}\nselect 1${afterLock}`, params, 'run');
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
