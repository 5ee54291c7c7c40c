import { DomainError, JobsErrors } from '#contracts';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { VendorProfile } from './vendor-profile.entity.js';

/** Vendors' profiles as other features show them (a quote names its vendor). */
@Injectable()
export class VendorProfileRepository {
  constructor(private readonly em: EntityManager) {}

  async byVendorIds(vendorIds: readonly string[]): Promise<Map<string, VendorProfile>> {
    const profiles = await this.em.find(VendorProfile, { vendorId: { $in: [...vendorIds] } });
    return new Map(profiles.map((profile) => [profile.vendorId, profile]));
  }

  /** One profile, locked for the transaction when asked (its rating changes under the lock). */
  find(vendorId: string, options: { lock?: boolean } = {}): Promise<VendorProfile | null> {
    if (!isUUID(vendorId)) return Promise.resolve(null);
    return this.em.findOne(
      VendorProfile,
      { vendorId },
      options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
  }

  /** Jobs awarded to the vendor (their quote accepted) that were completed, closed since or not. */
  async completedJobsOf(vendorId: string): Promise<number> {
    const [row] = await this.em.execute<{ count: number }[]>(
      `select count(*)::int as count
       from jobs.quote q join jobs.job j on j.id = q.job_id
       where q.vendor_id = ? and q.status = 'accepted' and j.status in ('completed', 'closed')`,
      [vendorId],
    );
    return row.count;
  }
}

/** A user who is no vendor, or has no profile yet, is no vendor to show. */
export function vendorNotFound(vendorId: string): DomainError {
  return new DomainError(JobsErrors.VENDOR_NOT_FOUND, 404, 'Vendor not found', {
    vendor_id: vendorId,
  });
}
