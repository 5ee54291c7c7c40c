import type { AddEvidenceReply } from '#contracts';
import { CLOCK, EventOutbox, type Clock } from '#platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DisputeEvidence } from '../dispute-evidence.entity.js';
import { DisputeRepository } from '../dispute.repository.js';
import { AddEvidenceCommand } from './add-evidence.command.js';

/**
 * Evidence is kept as added. The other party's first evidence answers the dispute, so its
 * default outcome no longer applies; the dispute row is locked, so evidence racing the default
 * deadline either lands first (no default) or meets a resolved dispute (409 DISPUTE_NOT_OPEN).
 */
@CommandHandler(AddEvidenceCommand)
export class AddEvidenceHandler implements ICommandHandler<AddEvidenceCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly disputes: DisputeRepository,
    private readonly outbox: EventOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ party, request }: AddEvidenceCommand): Promise<AddEvidenceReply> {
    return this.em.transactional(async (em) => {
      const dispute = await this.disputes.lock(request.dispute_id);
      const role = dispute.assertParty(party.userId);
      const now = this.clock.now();
      dispute.answeredBy(role, now);
      const evidence = DisputeEvidence.of(dispute.id, { userId: party.userId, role }, request, now);
      em.persist(evidence);
      const event = this.outbox.record(
        em,
        {
          type: 'DISPUTE_EVIDENCE_ADDED',
          actor: { id: party.userId, role },
          subjectId: dispute.id,
          jobId: dispute.jobId,
          payload: {
            ...dispute.eventParties(),
            evidence_id: evidence.id,
            author_role: role,
            description: evidence.description,
            urls: evidence.urls,
          },
        },
        now,
      );
      return {
        evidence_id: evidence.id,
        dispute_id: dispute.id,
        created_at: now.toISOString(),
        event_id: event.event_id,
      };
    });
  }
}
