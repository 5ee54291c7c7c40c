import type { PublicVendorProfileView } from '#contracts';
import { Query } from '@nestjs/cqrs';

/** A vendor as any signed-in user sees them. */
export class GetPublicVendorProfileQuery extends Query<PublicVendorProfileView> {
  constructor(readonly vendorId: string) {
    super();
  }
}
