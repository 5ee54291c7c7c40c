import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Ledger, type PostedTransfer } from '../../apps/escrow/src/ledger/ledger.repository.js';
import { PROVIDER_CLEARING, type AccountRef } from '../../apps/escrow/src/ledger/transfer.js';
import type { ServiceHarness } from './service-harness.js';

/**
 * Puts `pence` into `account` as a settled deposit would, straight through the escrow app's
 * ledger, for a handler's spec that needs money where it starts.
 */
export function creditAccount(
  harness: ServiceHarness,
  account: AccountRef,
  pence: number,
): Promise<PostedTransfer> {
  return harness.app
    .get(MikroORM)
    .em.fork()
    .transactional((em) =>
      harness.app.get(Ledger).post(em, {
        kind: 'deposit',
        idempotencyKey: `spec-funding:${randomUUID()}`,
        legs: [
          { account: PROVIDER_CLEARING, amountPence: -pence },
          { account, amountPence: pence },
        ],
        reference: { spec: 'funding' },
      }),
    );
}
