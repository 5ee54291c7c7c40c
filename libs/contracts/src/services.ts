/** The apps of the system; each is a NATS user and a queue group of its own. */
export const SERVICE_NAMES = [
  'gateway',
  'jobs-leads',
  'messaging',
  'escrow',
  'notifications',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export function isServiceName(value: unknown): value is ServiceName {
  return (SERVICE_NAMES as readonly unknown[]).includes(value);
}
