import type {
  ActorRole,
  AdminJobEventView,
  AdminJobEventsView,
  ChainProblem,
  ChainVerificationView,
  JobEventView,
  JobEventsView,
} from '#contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class JobEventResponse implements JobEventView {
  @ApiProperty({ format: 'uuid' }) event_id!: string;
  @ApiProperty({ example: 'JOB_CREATED' }) event_type!: string;
  @ApiProperty({ description: '`HIDDEN` when it is a vendor the viewer may not see' })
  actor_id!: string;
  @ApiProperty({ enum: ['customer', 'vendor', 'admin', 'system'] }) actor_role!: ActorRole;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "the event's payload, as the viewer may see it",
  })
  metadata!: Record<string, unknown>;
}

export class JobEventsResponse implements JobEventsView {
  @ApiProperty({ type: [JobEventResponse] }) events!: JobEventResponse[];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'pass it as `cursor` for the next page; null on the last',
  })
  next_cursor!: string | null;
}

export class AdminJobEventResponse extends JobEventResponse implements AdminJobEventView {
  @ApiProperty({ example: 1, description: "the entry's place in the job's chain" })
  sequence!: number;
  @ApiProperty({ type: String, nullable: true, description: 'hash of the entry before it' })
  prev_hash!: string | null;
  @ApiProperty({ description: "sha256 (hex) of the entry's canonical JSON" }) hash!: string;
  @ApiProperty({ format: 'date-time' }) recorded_at!: string;
}

export class AdminJobEventsResponse implements AdminJobEventsView {
  @ApiProperty({ type: [AdminJobEventResponse] }) events!: AdminJobEventResponse[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) next_cursor!: string | null;
}

const CHAIN_PROBLEMS: ChainProblem[] = ['content_altered', 'chain_broken', 'entry_missing'];

export class ChainBreakResponse {
  @ApiProperty({ format: 'uuid' }) event_id!: string;
  @ApiProperty({ example: 3 }) sequence!: number;
  @ApiProperty({ enum: CHAIN_PROBLEMS }) problem!: ChainProblem;
}

export class ChainVerificationResponse implements ChainVerificationView {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'entries checked: all when ok, else those before the bad one' })
  entries!: number;
  @ApiPropertyOptional({
    type: ChainBreakResponse,
    description: 'the first entry that does not match',
  })
  first_bad?: ChainBreakResponse;
}

function toJobEventResponse(event: JobEventView): JobEventResponse {
  return {
    event_id: event.event_id,
    event_type: event.event_type,
    actor_id: event.actor_id,
    actor_role: event.actor_role,
    created_at: event.created_at,
    metadata: event.metadata,
  };
}

/** Allow-list of a job's audit trail as its participants see it. */
export function toJobEventsResponse(view: JobEventsView): JobEventsResponse {
  return { events: view.events.map(toJobEventResponse), next_cursor: view.next_cursor };
}

/** Allow-list of the admins' trail: each entry with its place in the chain. */
export function toAdminJobEventsResponse(view: AdminJobEventsView): AdminJobEventsResponse {
  return {
    events: view.events.map((event) => ({
      ...toJobEventResponse(event),
      sequence: event.sequence,
      prev_hash: event.prev_hash,
      hash: event.hash,
      recorded_at: event.recorded_at,
    })),
    next_cursor: view.next_cursor,
  };
}

export function toChainVerificationResponse(
  view: ChainVerificationView,
): ChainVerificationResponse {
  return {
    ok: view.ok,
    entries: view.entries,
    ...(view.first_bad && {
      first_bad: {
        event_id: view.first_bad.event_id,
        sequence: view.first_bad.sequence,
        problem: view.first_bad.problem,
      },
    }),
  };
}
