import type { SagaListView, SagaStatus } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** The admins' view of runs in one status: above all `failed`, which need a person. */
export class ListSagasQuery extends Query<SagaListView> {
  constructor(
    readonly status: SagaStatus,
    readonly limit: number,
  ) {
    super();
  }
}
