import {
  ChargeLeadCommand,
  RefundLeadCommand,
  Subjects,
  type BusRequest,
  type LeadChargeReply,
  type LeadRefundReply,
} from '#contracts';
import { BusController, validateInput } from '#platform';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { LeadChargesService } from './lead-charges.service.js';

@BusController()
export class LeadChargesController {
  constructor(private readonly leadCharges: LeadChargesService) {}

  @MessagePattern(Subjects.escrow.chargeLead)
  charge(@Payload() request: BusRequest): Promise<LeadChargeReply> {
    return this.leadCharges.charge(
      request.principal,
      validateInput(ChargeLeadCommand, request.data),
    );
  }

  @MessagePattern(Subjects.escrow.refundLead)
  refund(@Payload() request: BusRequest): Promise<LeadRefundReply> {
    return this.leadCharges.refund(
      request.principal,
      validateInput(RefundLeadCommand, request.data),
    );
  }
}
