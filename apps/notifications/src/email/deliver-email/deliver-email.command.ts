import { Command } from '@nestjs/cqrs';

/** Sends the next due email (with those batched under its digest key); false when none is due. */
export class DeliverEmailCommand extends Command<boolean> {}
