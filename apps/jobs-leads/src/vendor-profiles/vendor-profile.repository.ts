import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { VendorProfile } from './vendor-profile.entity.js';

/** Vendors' profiles as other features show them (a quote names its vendor). */
@Injectable()
export class VendorProfileRepository {
  constructor(private readonly em: EntityManager) {}

  async byVendorIds(vendorIds: readonly string[]): Promise<Map<string, VendorProfile>> {
    const profiles = await this.em.find(VendorProfile, { vendorId: { $in: [...vendorIds] } });
    return new Map(profiles.map((profile) => [profile.vendorId, profile]));
  }
}
