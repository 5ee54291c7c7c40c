import { DEAD_LETTER_STREAM, EVENT_STREAM, USER_EVENT_STREAM } from '#contracts';
import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { envInt } from '../config/platform-config.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;
const USER_EVENTS_MAX_AGE_MS = 15 * 60 * 1000;

export type NamedStreamConfig = Partial<StreamConfig> & { name: string };

const STREAMS: NamedStreamConfig[] = [
  {
    name: EVENT_STREAM.name,
    subjects: [...EVENT_STREAM.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(30 * DAY_MS),
    // Publisher dedup by Nats-Msg-Id covers a relay that crashed between publish and commit.
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  },
  {
    name: DEAD_LETTER_STREAM.name,
    subjects: [...DEAD_LETTER_STREAM.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(90 * DAY_MS),
  },
];

/** Creates the streams, or brings an existing one's settings up to date. Idempotent. */
export async function ensureEventStreams(manager: JetStreamManager): Promise<void> {
  for (const stream of STREAMS) await ensureStream(manager, stream);
}

/**
 * The users' real-time stream: items are kept `USER_EVENTS_MAX_AGE_MS` (a reconnecting client
 * resumes within it), and a relay's republish within the duplicate window is dropped. Both its
 * publisher and its reader read the variable, so either can create the stream first.
 */
export function userEventStreamConfig(
  maxAgeMs: number = envInt('USER_EVENTS_MAX_AGE_MS', USER_EVENTS_MAX_AGE_MS),
): NamedStreamConfig {
  return {
    name: USER_EVENT_STREAM.name,
    subjects: [...USER_EVENT_STREAM.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(maxAgeMs),
    // JetStream refuses a duplicate window longer than the stream's max age.
    duplicate_window: nanos(Math.min(DUPLICATE_WINDOW_MS, maxAgeMs)),
  };
}

/**
 * Creates a stream, or (unless `update` is false) brings an existing one's settings up to date.
 * Idempotent, and safe when replicas race to create it.
 */
export async function ensureStream(
  manager: JetStreamManager,
  stream: NamedStreamConfig,
  { update = true }: { update?: boolean } = {},
): Promise<void> {
  const exists = () =>
    manager.streams.info(stream.name).then(
      () => true,
      () => false,
    );
  if (await exists()) {
    if (update) await manager.streams.update(stream.name, stream);
    return;
  }
  await manager.streams.add(stream).catch(async (error: unknown) => {
    // Another replica created it between our look-up and our add.
    if (!(await exists())) throw error;
  });
}
