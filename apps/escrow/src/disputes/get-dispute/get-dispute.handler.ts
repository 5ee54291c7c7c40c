import type { DisputeView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DisputeRepository } from '../dispute.repository.js';
import { toDisputeView } from '../dispute.view.js';
import { GetDisputeQuery } from './get-dispute.query.js';

/** The job's customer and awarded vendor only; to anyone else the dispute does not exist. */
@QueryHandler(GetDisputeQuery)
export class GetDisputeHandler implements IQueryHandler<GetDisputeQuery> {
  constructor(private readonly disputes: DisputeRepository) {}

  async execute({ viewer, disputeId }: GetDisputeQuery): Promise<DisputeView> {
    const dispute = await this.disputes.get(disputeId);
    dispute.assertParty(viewer.userId);
    return toDisputeView(await this.disputes.record(dispute));
  }
}
