import type { VendorProfileView } from '#contracts';
import { CLOCK, type Clock } from '#platform';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { VendorProfile } from '../vendor-profile.entity.js';
import { toVendorProfileView } from '../vendor-profile.view.js';
import { PutVendorProfileCommand } from './put-vendor-profile.command.js';

/** Creates or replaces the caller's profile; the same request twice leaves the same state. */
@CommandHandler(PutVendorProfileCommand)
export class PutVendorProfileHandler implements ICommandHandler<PutVendorProfileCommand> {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ vendor, request }: PutVendorProfileCommand): Promise<VendorProfileView> {
    const details = VendorProfile.details({
      businessName: request.business_name,
      tradeCategories: request.trade_categories,
      phone: request.phone,
      postcode: request.postcode,
      serviceAreas: request.service_areas,
      serviceRadiusMiles: request.service_radius_miles,
    });
    const now = this.clock.now();
    return this.em.transactional(async (em) => {
      // Insert-or-nothing, then lock: a vendor's concurrent first PUTs queue on one row
      // instead of one of them failing on the primary key.
      await em
        .createQueryBuilder(VendorProfile)
        .insert(VendorProfile.create(vendor.userId, details, now))
        .onConflict('vendorId')
        .ignore()
        .execute();
      const profile = await em.findOneOrFail(
        VendorProfile,
        { vendorId: vendor.userId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      profile.replace(details, now);
      return toVendorProfileView(profile);
    });
  }
}
