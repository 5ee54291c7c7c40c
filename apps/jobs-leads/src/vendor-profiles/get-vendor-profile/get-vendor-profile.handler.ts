import { DomainError, JobsErrors, type VendorProfileView } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { VendorProfile } from '../vendor-profile.entity.js';
import { toVendorProfileView } from '../vendor-profile.view.js';
import { GetVendorProfileQuery } from './get-vendor-profile.query.js';

@QueryHandler(GetVendorProfileQuery)
export class GetVendorProfileHandler implements IQueryHandler<GetVendorProfileQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ vendor }: GetVendorProfileQuery): Promise<VendorProfileView> {
    const profile = await this.em.findOne(VendorProfile, { vendorId: vendor.userId });
    if (!profile) {
      throw new DomainError(
        JobsErrors.VENDOR_PROFILE_NOT_FOUND,
        404,
        'You have no vendor profile yet',
      );
    }
    return toVendorProfileView(profile);
  }
}
