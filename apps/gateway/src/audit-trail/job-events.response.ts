import type { ActorRole, JobEventView, JobEventsView } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

export class JobEventResponse implements JobEventView {
  @ApiProperty({ format: 'uuid' }) event_id!: string;
  @ApiProperty({ example: 'JOB_CREATED' }) event_type!: string;
  @ApiProperty() actor_id!: string;
  @ApiProperty({ enum: ['customer', 'vendor', 'admin', 'system'] }) actor_role!: ActorRole;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the event's payload" })
  metadata!: Record<string, unknown>;
}

export class JobEventsResponse implements JobEventsView {
  @ApiProperty({ type: [JobEventResponse] }) events!: JobEventResponse[];
}

/** Allow-list of a job's audit trail as its participants and admins see it. */
export function toJobEventsResponse(view: JobEventsView): JobEventsResponse {
  return {
    events: view.events.map((event) => ({
      event_id: event.event_id,
      event_type: event.event_type,
      actor_id: event.actor_id,
      actor_role: event.actor_role,
      created_at: event.created_at,
      metadata: event.metadata,
    })),
  };
}
