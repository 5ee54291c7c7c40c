import { Module } from '@nestjs/common';
import { RecipientsRepository } from './recipients.repository.js';

/** Names and addresses learned from identity's events; the fan-out consumer applies them. */
@Module({ providers: [RecipientsRepository], exports: [RecipientsRepository] })
export class RecipientsModule {}
