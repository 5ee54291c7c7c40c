import {
  assertRole,
  DomainError,
  ErrorCode,
  type Principal,
  type PutVendorProfileRequest,
  type VendorProfileView,
} from '#contracts';
import { CreateRequestContext } from '@mikro-orm/decorators/legacy';
import { EntityManager, LockMode, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { VendorProfile } from './vendor-profile.entity.js';
import { toVendorProfileView } from './vendor-profile.view.js';

@Injectable()
export class VendorProfilesService {
  constructor(
    readonly orm: MikroORM,
    private readonly em: EntityManager,
  ) {}

  /** Creates or replaces the caller's profile; the same request twice leaves the same state. */
  @CreateRequestContext()
  async put(principal: Principal, request: PutVendorProfileRequest): Promise<VendorProfileView> {
    assertRole(principal, ['vendor']);
    const details = VendorProfile.details({
      businessName: request.business_name,
      tradeCategories: request.trade_categories,
      phone: request.phone,
      postcode: request.postcode,
      serviceAreas: request.service_areas,
      serviceRadiusMiles: request.service_radius_miles,
    });
    const now = new Date();
    return this.em.transactional(async (em) => {
      // Insert-or-nothing, then lock: a vendor's concurrent first PUTs queue on one row
      // instead of one of them failing on the primary key.
      await em
        .createQueryBuilder(VendorProfile)
        .insert(VendorProfile.create(principal.userId, details, now))
        .onConflict('vendorId')
        .ignore()
        .execute();
      const profile = await em.findOneOrFail(
        VendorProfile,
        { vendorId: principal.userId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      profile.replace(details, now);
      return toVendorProfileView(profile);
    });
  }

  @CreateRequestContext()
  async getOwn(principal: Principal): Promise<VendorProfileView> {
    assertRole(principal, ['vendor']);
    const profile = await this.em.findOne(VendorProfile, { vendorId: principal.userId });
    if (!profile) {
      throw new DomainError(
        ErrorCode.VENDOR_PROFILE_NOT_FOUND,
        404,
        'You have no vendor profile yet',
      );
    }
    return toVendorProfileView(profile);
  }
}
