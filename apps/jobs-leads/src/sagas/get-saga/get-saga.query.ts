import type { SagaView, UserPrincipal } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** How a cross-service action the caller started stands, or how it ended. */
export class GetSagaQuery extends Query<SagaView> {
  constructor(
    readonly viewer: UserPrincipal,
    readonly sagaId: string,
  ) {
    super();
  }
}
