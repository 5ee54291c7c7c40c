import type { UserPrincipal } from '#contracts';

/**
 * A quote is its vendor's and its job's customer's to read; no other vendor's, ever. Admins read
 * any (a dispute's, say).
 */
export function mayRead(
  viewer: UserPrincipal,
  quote: { vendorId: string },
  job: { customerId: string },
): boolean {
  if (viewer.role === 'admin') return true;
  return viewer.role === 'vendor'
    ? quote.vendorId === viewer.userId
    : viewer.role === 'customer' && job.customerId === viewer.userId;
}
