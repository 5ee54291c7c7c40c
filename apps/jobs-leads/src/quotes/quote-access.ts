import type { UserPrincipal } from '#contracts';

/** A quote is its vendor's and its job's customer's to read; no other vendor's, ever. */
export function mayRead(
  viewer: UserPrincipal,
  quote: { vendorId: string },
  job: { customerId: string },
): boolean {
  return viewer.role === 'vendor'
    ? quote.vendorId === viewer.userId
    : viewer.role === 'customer' && job.customerId === viewer.userId;
}
