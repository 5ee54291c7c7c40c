import { DEAD_LETTER_STREAM, EVENT_STREAM } from '#contracts';
import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';

const DAY_MS = 24 * 60 * 60 * 1000;

const STREAMS: (Partial<StreamConfig> & { name: string })[] = [
  {
    name: EVENT_STREAM.name,
    subjects: [...EVENT_STREAM.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(30 * DAY_MS),
    // Publisher dedup by Nats-Msg-Id covers a relay that crashed between publish and commit.
    duplicate_window: nanos(2 * 60 * 1000),
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
  for (const stream of STREAMS) {
    const exists = await manager.streams.info(stream.name).then(
      () => true,
      () => false,
    );
    if (exists) {
      await manager.streams.update(stream.name, stream);
    } else {
      await manager.streams.add(stream).catch(async (error: unknown) => {
        // Another replica created it between our look-up and our add.
        if (
          !(await manager.streams.info(stream.name).then(
            () => true,
            () => false,
          ))
        )
          throw error;
      });
    }
  }
}
