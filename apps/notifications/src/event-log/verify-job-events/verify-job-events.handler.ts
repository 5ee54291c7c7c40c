import { DomainError, JobsErrors, type ChainVerificationView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isUUID } from 'class-validator';
import { ChainVerifier } from '../chain-verification.js';
import { EventLogRepository } from '../event-log.repository.js';
import { chainedEntryOf } from '../trail-row.js';
import { VerifyJobEventsQuery } from './verify-job-events.query.js';

/** Entries read per query: a long trail is walked in pages, never loaded whole. */
const BATCH_SIZE = 500;

/** `{ ok, entries }`, or the first entry whose content, link or place does not match. */
@QueryHandler(VerifyJobEventsQuery)
export class VerifyJobEventsHandler implements IQueryHandler<VerifyJobEventsQuery> {
  constructor(private readonly trail: EventLogRepository) {}

  async execute({ jobId }: VerifyJobEventsQuery): Promise<ChainVerificationView> {
    if (!isUUID(jobId) || !(await this.trail.hasEntries(jobId))) {
      throw new DomainError(JobsErrors.JOB_NOT_FOUND, 404, 'Job not found', { job_id: jobId });
    }
    const verifier = new ChainVerifier();
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.trail.chainPage(jobId, { cursor, limit: BATCH_SIZE });
      for (const row of rows) {
        const problem = verifier.check(chainedEntryOf(row));
        if (problem) {
          return {
            ok: false,
            entries: verifier.entries,
            first_bad: {
              event_id: problem.eventId,
              sequence: problem.sequence,
              problem: problem.problem,
            },
          };
        }
      }
      if (rows.length < BATCH_SIZE) return { ok: true, entries: verifier.entries };
      cursor = rows[rows.length - 1].event_id;
    }
  }
}
