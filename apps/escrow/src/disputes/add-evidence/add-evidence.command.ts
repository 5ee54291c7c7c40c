import type { AddEvidenceInput, AddEvidenceReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** Either party adds evidence to an unresolved dispute. */
export class AddEvidenceCommand extends Command<AddEvidenceReply> {
  constructor(
    readonly party: UserPrincipal<'customer' | 'vendor'>,
    readonly request: AddEvidenceInput,
  ) {
    super();
  }
}
