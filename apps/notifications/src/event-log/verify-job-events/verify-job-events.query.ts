import type { ChainVerificationView } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** Recomputes a job's hash chain from its stored entries. */
export class VerifyJobEventsQuery extends Query<ChainVerificationView> {
  constructor(readonly jobId: string) {
    super();
  }
}
