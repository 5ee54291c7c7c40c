import {
  DepositRequest,
  PaymentWebhookCommand,
  Subjects,
  type BusRequest,
  type DepositReply,
  type UnauthenticatedBusRequest,
  type WebhookReply,
} from '#contracts';
import { BusController, validateInput } from '#platform';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DepositsService } from './deposits.service.js';

@BusController()
export class PaymentsController {
  constructor(private readonly deposits: DepositsService) {}

  @MessagePattern(Subjects.escrow.deposit)
  deposit(@Payload() request: BusRequest): Promise<DepositReply> {
    return this.deposits.deposit(request.principal, validateInput(DepositRequest, request.data));
  }

  /** Authenticated by the provider's signature inside, not by a principal. */
  @MessagePattern(Subjects.escrow.paymentWebhook)
  webhook(@Payload() request: UnauthenticatedBusRequest): Promise<WebhookReply> {
    return this.deposits.handleWebhook(validateInput(PaymentWebhookCommand, request.data));
  }
}
