import { JobsApi, type PublicVendorProfileView, type VendorProfileView } from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetPublicVendorProfileQuery } from './get-public-vendor-profile/get-public-vendor-profile.query.js';
import { GetVendorProfileQuery } from './get-vendor-profile/get-vendor-profile.query.js';
import { PutVendorProfileCommand } from './put-vendor-profile/put-vendor-profile.command.js';

@BusController()
export class VendorProfilesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(JobsApi.putVendorProfile)
  put({ principal, data }: Received<typeof JobsApi.putVendorProfile>): Promise<VendorProfileView> {
    return this.commands.execute(new PutVendorProfileCommand(principal, data));
  }

  @Serve(JobsApi.getVendorProfile)
  get({ principal }: Received<typeof JobsApi.getVendorProfile>): Promise<VendorProfileView> {
    return this.queries.execute(new GetVendorProfileQuery(principal));
  }

  @Serve(JobsApi.getPublicVendorProfile)
  getPublic({
    data,
  }: Received<typeof JobsApi.getPublicVendorProfile>): Promise<PublicVendorProfileView> {
    return this.queries.execute(new GetPublicVendorProfileQuery(data.vendor_id));
  }
}
